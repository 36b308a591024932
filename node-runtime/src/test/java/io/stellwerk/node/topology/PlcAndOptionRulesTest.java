package io.stellwerk.node.topology;

import static io.stellwerk.node.topology.Topologies.assertProblem;
import static io.stellwerk.node.topology.Topologies.onlyProblem;
import static io.stellwerk.node.topology.Topologies.rootWithChild;
import static io.stellwerk.node.topology.Topologies.valid;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** PLC bindings (kind and parameters) and the bounds of the timing options. */
class PlcAndOptionRulesTest {

  /** root.a with the given plc line; the plc's flow mapping opens on line 10, column 12. */
  private static String childWithPlc(String plc) {
    return rootWithChild("- id: root.a\n  host: 10.0.0.2\n  port: 7000\n  plc: " + plc);
  }

  /** root.a with one option on line 11, its value in column 9 + length of "name: ". */
  private static String childWithOption(String name, String value) {
    return rootWithChild(
        "- id: root.a\n  host: 10.0.0.2\n  port: 7000\n  options:\n    " + name + ": " + value);
  }

  @Test
  void unknownPlcKindListsTheKnownKinds() {
    assertProblem(
        onlyProblem(childWithPlc("{kind: s7, rate: 5}")),
        10,
        19,
        "unknown PLC kind 's7' for root.a (known kinds: simulator, modbus)");
  }

  @Test
  void plcWithoutKindListsTheKinds() {
    assertProblem(
        onlyProblem(childWithPlc("{rate: 5}")),
        10,
        12,
        "the plc of root.a has no kind (one of: simulator, modbus)");
  }

  @Test
  void unknownPlcParameterListsTheKnownOnes() {
    assertProblem(
        onlyProblem(childWithPlc("{kind: simulator, colour: red}")),
        10,
        38,
        "unknown parameter 'colour' for a simulator PLC (known: fans, rate, seed)");
  }

  @Test
  void plcParameterGivenTwiceIsReportedAtTheSecond() {
    assertProblem(
        onlyProblem(childWithPlc("{kind: simulator, rate: 1, rate: 2}")),
        10,
        39,
        "plc parameter 'rate' of root.a appears twice");
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({
    "rate, 0, a positive number",
    "rate, -1, a positive number",
    "rate, fast, a positive number",
    "rate, NaN, a positive number",
    "rate, Infinity, a positive number",
    "fans, 65, a whole number from 0 to 64",
    "fans, -1, a whole number from 0 to 64",
    "fans, 2.5, a whole number from 0 to 64",
    "seed, 1.5, a whole number",
    "seed, x, a whole number",
  })
  void invalidPlcParameterSaysWhatItMustBe(String name, String value, String expected) {
    assertProblem(
        onlyProblem(childWithPlc("{kind: simulator, " + name + ": " + value + "}")),
        10,
        32 + name.length(),
        "PLC parameter " + name + " '" + value + "' of root.a must be " + expected);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({"rate, 0.1", "fans, 0", "fans, 64", "seed, -5", "seed, 9000000000"})
  void plcParametersAtTheirEdgesAreAccepted(String name, String value) {
    Topology t = valid(childWithPlc("{kind: simulator, " + name + ": " + value + "}"));
    assertThat(t.require("root.a").plc().params()).containsEntry(name, value);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "heartbeat    | 9ms  | heartbeat 9ms is out of range: it must lie between 10ms and 1m",
        "heartbeat    | 61s  | heartbeat 61s is out of range: it must lie between 10ms and 1m",
        "heartbeat    | 2m   | heartbeat 2m is out of range: it must lie between 10ms and 1m",
        "heartbeat    | fast | options.heartbeat 'fast' is not a duration such as 250ms, 2s or 1m",
        "heartbeat    | 100  | options.heartbeat '100' is not a duration such as 250ms, 2s or 1m",
        "missed-beats | 1    | missed-beats 1 is out of range: it must lie between 2 and 100",
        "missed-beats | 101  | missed-beats 101 is out of range: it must lie between 2 and 100",
        "missed-beats | 2.5  | options.missed-beats '2.5' is not a whole number",
        "subtree-only | yes  | option subtree-only of root.a must be true or false, not 'yes'",
        "subtree-only | 1    | option subtree-only of root.a must be true or false, not '1'",
        "subtree-only | maybe | option subtree-only of root.a must be true or false, not 'maybe'",
      })
  void optionOutOfBoundsIsReportedAtItsValue(String name, String value, String message) {
    assertProblem(onlyProblem(childWithOption(name, value)), 11, 9 + name.length() + 2, message);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({
    "heartbeat, 10ms",
    "heartbeat, 1m",
    "heartbeat, 60s",
    "missed-beats, 2",
    "missed-beats, 100",
    "subtree-only, true",
    "subtree-only, false"
  })
  void optionsAtTheirEdgesAreAccepted(String name, String value) {
    valid(childWithOption(name, value));
  }

  @Test
  void optionsAreReadIntoTheModel() {
    String text =
        rootWithChild(
            """
            - id: root.a
              host: 10.0.0.2
              port: 7000
              options: {subtree-only: true, heartbeat: 1.5s, missed-beats: 7}
            """);
    assertThat(valid(text).require("root.a").options())
        .isEqualTo(new NodeOptions(true, Duration.ofMillis(1500), 7));
  }

  @Test
  void federationDefaultsOutOfBoundsAreReportedInTheDefaults() {
    String text =
        """
        federation: test
        defaults:
          heartbeat: 5ms
          missed-beats: 3
        root:
          id: root
          host: 10.0.0.1
          port: 7000
        """;
    assertProblem(
        onlyProblem(text), 3, 14, "heartbeat 5ms is out of range: it must lie between 10ms and 1m");
  }

  @Test
  void federationDefaultMissedBeatsOutOfBoundsIsReported() {
    String text =
        """
        federation: test
        defaults:
          missed-beats: 0
        root:
          id: root
          host: 10.0.0.1
          port: 7000
        """;
    assertProblem(
        onlyProblem(text), 3, 17, "missed-beats 0 is out of range: it must lie between 2 and 100");
  }

  @Test
  void missingDefaultsUseTheStandardTiming() {
    Topology t = valid(rootWithChild("- id: root.a\n  host: 10.0.0.2\n  port: 7000"));
    assertThat(t.defaults()).isEqualTo(new Defaults(Duration.ofMillis(250), 4));
    assertThat(t.require("root.a").options().effective(t.defaults()).deadline())
        .isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void invalidFederationNameIsReportedAtTheName() {
    String text =
        """
        federation: tunnel north
        root:
          id: root
          host: 10.0.0.1
          port: 7000
        """;
    assertProblem(
        onlyProblem(text),
        1,
        13,
        "federation name 'tunnel north' may hold only letters, digits, '.', '_' and '-'");
  }
}
