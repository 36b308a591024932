package io.stellwerk.node.topology;

import static io.stellwerk.node.topology.Topologies.assertProblem;
import static io.stellwerk.node.topology.Topologies.onlyProblem;
import static io.stellwerk.node.topology.Topologies.rootWithChild;
import static io.stellwerk.node.topology.Topologies.valid;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Hosts, base ports and port ranges that clash on one host. */
class AddressRulesTest {

  private static String childAt(String host, String port) {
    return rootWithChild("- id: root.a\n  host: " + host + "\n  port: " + port);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "10.0.0           | is not an IPv4 address (it needs four numbers)",
        "10.0.0.1.5       | is not an IPv4 address (it needs four numbers)",
        "10.0.0.256       | is not an IPv4 address (numbers go from 0 to 255)",
        "10.0.0.0001      | is not an IPv4 address (numbers go from 0 to 255)",
        "0.0.0.0          | is not an address other nodes can connect to",
        "224.0.0.1        | is a multicast or reserved address",
        "239.255.255.250  | is a multicast or reserved address",
        "255.255.255.255  | is a multicast or reserved address",
        "bad_host         | is neither an IPv4 address nor a valid host name",
        "-plant.example   | is neither an IPv4 address nor a valid host name",
        "plant..example   | is neither an IPv4 address nor a valid host name",
      })
  void invalidHostIsReportedAtTheHostValueWithTheStation(String host, String gist) {
    Problem p = onlyProblem(childAt(host, "7000"));
    assertProblem(p, 8, 13, "host '" + host + "' " + gist);
    assertProblem(p, 8, 13, "(root.a)");
  }

  @Test
  void invalidHostOfAPeerNamesThePeer() {
    Problem p =
        onlyProblem(
            """
            federation: test
            root:
              id: root
              pair:
                primary: {host: 10.0.0.1, port: 7000}
                backup: {host: 0.0.0.0, port: 7000}
            """);
    assertProblem(p, 6, 20, "host '0.0.0.0' is not an address other nodes can connect to");
    assertProblem(p, 6, 20, "(root[backup])");
  }

  @ParameterizedTest
  @ValueSource(strings = {"10.0.0.2", "plant-a", "plant-a.example.org", "1.2.3.4", "localhost"})
  void validHostsAreAccepted(String host) {
    valid(childAt(host, "7000"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc", "7000.5", "70OO"})
  void portThatIsNotANumberIsReportedAtThePortValue(String port) {
    assertProblem(
        onlyProblem(childAt("10.0.0.2", port)),
        9,
        13,
        "port '" + port + "' of node root.a is not a whole number");
  }

  @ParameterizedTest
  @ValueSource(strings = {"[7000]", "{base: 7000}"})
  void portThatIsAListOrMappingIsReportedAsNotASingleValue(String port) {
    assertProblem(
        onlyProblem(childAt("10.0.0.2", port)),
        9,
        13,
        "'port' must be a single value, not a list or mapping");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "80", "1023", "65527", "65535", "70000", "-7000"})
  void portOutOfRangeNamesTheRangeAndTheSpan(String port) {
    assertProblem(
        onlyProblem(childAt("10.0.0.2", port)),
        9,
        13,
        "port "
            + port
            + " of root.a is out of range: a base port lies between 1024 and 65526 (each station"
            + " uses 10 ports from its base port)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1024", "65526"})
  void portsAtTheEdgesOfTheRangeAreAccepted(String port) {
    valid(childAt("10.0.0.2", port));
  }

  @Test
  void overlappingRangesOfTwoNodesOnOneHostClash() {
    assertProblem(
        onlyProblem(childAt("10.0.0.1", "7005")),
        9,
        13,
        "derived endpoints clash on host 10.0.0.1: root.a uses ports 7005-7014, which overlap"
            + " root's 7000-7009");
  }

  @Test
  void clashIsReportedAtTheStationWithTheHigherBasePort() {
    assertProblem(
        onlyProblem(childAt("10.0.0.1", "6991")),
        5,
        9,
        "root uses ports 7000-7009, which overlap root.a's 6991-7000");
  }

  @Test
  void hostNamesDifferingOnlyInCaseAreOneHost() {
    String text =
        """
        federation: test
        root:
          id: root
          host: plant-a
          port: 7000
          children:
            - id: root.a
              host: PLANT-A
              port: 7000
        """;
    assertProblem(onlyProblem(text), 9, 13, "derived endpoints clash on host PLANT-A");
  }

  @Test
  void adjacentRangesOnOneHostDoNotClash() {
    valid(childAt("10.0.0.1", "7010"));
  }

  @Test
  void sameBasePortOnAnotherHostDoesNotClash() {
    valid(childAt("10.0.0.2", "7000"));
  }

  @Test
  void theTwoPeersOfAPairOnOneHostClash() {
    String text =
        """
        federation: test
        root:
          id: root
          pair:
            primary: {host: 10.0.0.1, port: 7000}
            backup: {host: 10.0.0.1, port: 7000}
        """;
    Problem p = onlyProblem(text);
    assertProblem(
        p, 6, 36, "root[backup] uses ports 7000-7009, which overlap root[primary]'s 7000-7009");
    assertProblem(p, 6, 36, "the two peers of a pair need distinct hosts or port ranges");
  }

  @Test
  void theTwoPeersOfAPairMayShareAHostWithDistinctRanges() {
    valid(
        """
        federation: test
        root:
          id: root
          pair:
            primary: {host: 10.0.0.1, port: 7000}
            backup: {host: 10.0.0.1, port: 7010}
        """);
  }
}
