package io.stellwerk.node.topology;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HostNamesTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "10.0.0.1",
        "1.2.3.4",
        "127.0.0.1",
        "223.255.255.255",
        "a",
        "plant-a",
        "scada-1.plant.example.org",
        "3com.example"
      })
  void validAddressesAndHostNamesHaveNoProblem(String host) {
    assertThat(HostNames.problem(host)).isEmpty();
  }

  @ParameterizedTest(name = "[{index}] {0}: {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "''            | host is empty",
        "'   '         | host is empty",
        "10.0.0        | it needs four numbers",
        "10.0.0.1.     | it needs four numbers",
        "10..0.1       | numbers go from 0 to 255",
        "300.0.0.1     | numbers go from 0 to 255",
        "0.1.2.3       | is not an address other nodes can connect to",
        "224.0.0.251   | is a multicast or reserved address",
        "240.0.0.1     | is a multicast or reserved address",
        "under_score   | is neither an IPv4 address nor a valid host name",
        "-lead.example | is neither an IPv4 address nor a valid host name",
        "trail-.example | is neither an IPv4 address nor a valid host name",
        "a..b          | is neither an IPv4 address nor a valid host name",
        "host.         | is neither an IPv4 address nor a valid host name",
        "10.0.0.1:7000 | is neither an IPv4 address nor a valid host name",
        "fe80::1       | is neither an IPv4 address nor a valid host name",
      })
  void malformedHostsSayWhatIsWrong(String host, String gist) {
    assertThat(HostNames.problem(host)).hasValueSatisfying(m -> assertThat(m).contains(gist));
  }

  @ParameterizedTest
  @ValueSource(ints = {63, 64})
  void hostNameLabelsHoldAtMostSixtyThreeCharacters(int length) {
    String host = "a".repeat(length) + ".example";
    assertThat(HostNames.problem(host).isPresent()).isEqualTo(length > 63);
  }

  @ParameterizedTest
  @ValueSource(ints = {253, 254})
  void hostNamesHoldAtMost253Characters(int length) {
    StringBuilder host = new StringBuilder();
    while (host.length() < length) {
      host.append(host.length() == 0 ? "a" : host.length() % 2 == 1 ? "." : "a");
    }
    assertThat(HostNames.problem(host.toString()))
        .as("%d characters", length)
        .matches(p -> p.isPresent() == (length > 253))
        .matches(p -> p.isEmpty() || p.get().contains("longer than 253 characters"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.1", "127.1.2.3", "127.255.255.254", "localhost", "LocalHost"})
  void loopbackHostsAreRecognised(String host) {
    assertThat(HostNames.isLoopback(host)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"128.0.0.1", "10.0.0.1", "127.0.0", "127.0.0.256", "localhost.example"})
  void otherHostsAreNotLoopback(String host) {
    assertThat(HostNames.isLoopback(host)).isFalse();
  }
}
