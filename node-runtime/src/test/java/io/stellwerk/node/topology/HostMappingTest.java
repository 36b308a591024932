package io.stellwerk.node.topology;

import static io.stellwerk.node.topology.Topologies.exampleTopology;
import static io.stellwerk.node.topology.Topologies.valid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code --local} mapping of every real host to its own loopback address. */
class HostMappingTest {

  /** Hosts of a real site plus two loopback hosts; 127.0.0.2 is taken by the file itself. */
  private static final String SITE =
      """
      federation: site
      root:
        id: root
        pair:
          primary: {host: scada-a.example.org, port: 7000}
          backup: {host: scada-b.example.org, port: 7000}
        children:
          - id: root.s1
            host: 10.20.0.5
            port: 7000
          - id: root.s2
            host: 127.0.0.2
            port: 7000
          - id: root.s3
            host: localhost
            port: 7000
          - id: root.s4
            host: SCADA-A.example.org
            port: 7100
      """;

  @Test
  void everyNonLoopbackHostGetsItsOwnLoopbackAddressSkippingThoseTheFileUses() {
    HostMapping local = HostMapping.local(valid(SITE));
    assertThat(local.entries())
        .containsOnly(
            Map.entry("scada-a.example.org", "127.0.0.3"),
            Map.entry("scada-b.example.org", "127.0.0.4"),
            Map.entry("10.20.0.5", "127.0.0.5"));
  }

  @Test
  void loopbackHostsAreLeftAsWritten() {
    HostMapping local = HostMapping.local(valid(SITE));
    assertThat(local.map("127.0.0.2")).isEqualTo("127.0.0.2");
    assertThat(local.map("localhost")).isEqualTo("localhost");
  }

  @Test
  void hostNamesDifferingOnlyInCaseMapToTheSameAddress() {
    HostMapping local = HostMapping.local(valid(SITE));
    assertThat(local.map("SCADA-A.example.org")).isEqualTo(local.map("scada-a.example.org"));
  }

  @Test
  void twoLoadsOfTheSameFileMapIdentically() {
    assertThat(HostMapping.local(valid(SITE)).entries())
        .isEqualTo(HostMapping.local(valid(SITE)).entries());
  }

  @Test
  void mappedAddressesAreDistinct() {
    assertThat(HostMapping.local(valid(SITE)).entries().values()).doesNotHaveDuplicates();
  }

  @Test
  void identityMapsNothing() {
    assertThat(HostMapping.identity().map("scada-a.example.org")).isEqualTo("scada-a.example.org");
    assertThat(HostMapping.identity().entries()).isEmpty();
  }

  @Test
  void examplesOnLoopbackNeedNoMapping() {
    assertThat(HostMapping.local(exampleTopology("tunnel.yaml")).entries()).isEmpty();
    assertThat(HostMapping.local(exampleTopology("large.yaml")).entries()).isEmpty();
  }

  @Test
  void planWithTheLocalMappingKeepsThePortsAndMovesTheHosts() {
    Topology t = valid(SITE);
    EndpointPlan plan = new EndpointPlan(t, HostMapping.local(t));
    StationId backup = StationId.peer("root", PeerRole.BACKUP);
    assertThat(plan.bound(backup, SocketRole.PEER_LINK).uri()).isEqualTo("tcp://127.0.0.4:7003");
    assertThat(plan.peerLink(backup).orElseThrow().uri()).isEqualTo("tcp://127.0.0.3:7003");
  }

  @Test
  void atMost253DistinctHostsCanBeMapped() {
    assertThat(HostMapping.local(valid(hosts(253))).entries()).hasSize(253);
    assertThatThrownBy(() -> HostMapping.local(valid(hosts(254))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--local supports at most 253 distinct hosts");
  }

  /** A root on h0 with children on h1 ... h(n-1): n distinct non-loopback hosts. */
  private static String hosts(int n) {
    StringBuilder text =
        new StringBuilder("federation: many\nroot:\n  id: root\n  host: h0\n  port: 7000\n");
    text.append("  children:\n");
    for (int i = 1; i < n; i++) {
      text.append("    - {id: root.c").append(i).append(", host: h").append(i);
      text.append(", port: 7000}\n");
    }
    return text.toString();
  }
}
