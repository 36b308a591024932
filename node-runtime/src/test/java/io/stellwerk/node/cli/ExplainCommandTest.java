package io.stellwerk.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.stellwerk.node.topology.Topologies;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class ExplainCommandTest {

  private static final String TUNNEL = Topologies.example("tunnel.yaml").toString();

  private static void assertNoStackTrace(CliRun run) {
    assertThat(run.all()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void backupOfTheRootListsItsPeerLinkAndSouthEndpoints() {
    CliRun run = CliRun.of("explain", TUNNEL, "root[backup]");
    assertThat(run.status()).isZero();
    assertThat(run.out())
        .contains("root[backup] in federation tunnel-north")
        .contains("role:     backup peer of HA pair root")
        .contains("peer:     root[primary]")
        .contains("children: root.s1, root.s2");
    assertThat(run.outLines())
        .anyMatch(l -> l.matches("\\s+south-router\\s+ROUTER\\s+tcp://127\\.0\\.1\\.2:7100\\s.*"))
        .anyMatch(l -> l.matches("\\s+south-pub\\s+PUB\\s+tcp://127\\.0\\.1\\.2:7101\\s.*"))
        .anyMatch(l -> l.matches("\\s+peer-link\\s+ROUTER\\s+tcp://127\\.0\\.1\\.2:7103\\s.*"))
        .anyMatch(
            l ->
                l.matches(
                    "\\s+peer-link\\s+ROUTER\\s+tcp://127\\.0\\.1\\.1:7103\\s.* of root\\[primary]"))
        .anyMatch(
            l -> l.matches("\\s+north-pub\\s+PUB\\s+tcp://127\\.0\\.1\\.3:7102\\s.* of root\\.s1"));
    assertThat(run.outLines()).noneMatch(l -> l.contains("north-pub") && l.contains("127.0.1.2"));
    assertNoStackTrace(run);
  }

  @Test
  void leafListsBothPeersOfItsParentPair() {
    CliRun run =
        CliRun.of("explain", Topologies.example("ha-middle.yaml").toString(), "centre.sub.bay2");
    assertThat(run.status()).isZero();
    assertThat(run.out())
        .contains("parent:   centre.sub (HA pair)")
        .contains("tcp://127.0.3.2:7300")
        .contains("tcp://127.0.3.3:7300")
        .contains("of centre.sub[primary]")
        .contains("of centre.sub[backup]");
  }

  @Test
  void pairNamedWithoutItsPeerExitsOneWithAClearMessage() {
    CliRun run = CliRun.of("explain", TUNNEL, "root");
    assertThat(run.status()).isEqualTo(1);
    assertThat(run.errLines())
        .containsExactly("error: root is an HA pair: name one peer, root[primary] or root[backup]");
    assertThat(run.out()).isEmpty();
    assertNoStackTrace(run);
  }

  @Test
  void unknownNodeListsTheNodesThatExist() {
    CliRun run = CliRun.of("explain", TUNNEL, "root.s9");
    assertThat(run.status()).isEqualTo(1);
    assertThat(run.err())
        .contains("no node 'root.s9' in federation tunnel-north")
        .contains("root.s1.pump1");
    assertNoStackTrace(run);
  }

  @Test
  void peerOfASingleNodeIsRejected() {
    CliRun run = CliRun.of("explain", TUNNEL, "root.s1[backup]");
    assertThat(run.status()).isEqualTo(1);
    assertThat(run.err()).contains("root.s1 is a single node, not a pair: name it root.s1");
    assertNoStackTrace(run);
  }

  @Test
  void malformedStationNameIsRejected() {
    CliRun run = CliRun.of("explain", TUNNEL, "root[standby]");
    assertThat(run.status()).isEqualTo(1);
    assertThat(run.err()).contains("'root[standby]' is not a node id");
    assertNoStackTrace(run);
  }

  @Test
  void invalidTopologyPrintsItsProblemsAndExitsOne() {
    String file = Topologies.resource("three-mistakes.yaml").toString();
    CliRun run = CliRun.of("explain", file, "root");
    assertThat(run.status()).isEqualTo(1);
    assertThat(run.errLines())
        .as("the problems and nothing else")
        .hasSize(3)
        .allMatch(l -> l.startsWith(file + ":"));
    assertNoStackTrace(run);
  }

  @Test
  void localMappingMovesEveryEndpointToLoopback() {
    CliRun run =
        CliRun.of(
            "explain",
            "--local",
            Topologies.example("single-level-ha.yaml").toString(),
            "station[primary]");
    assertThat(run.status()).isZero();
    assertThat(run.out()).contains("tcp://127.0.1.11:7203").contains("tcp://127.0.1.12:7203");
  }

  @Test
  void roleNamesDoNotDependOnTheDefaultLocale() {
    Locale saved = Locale.getDefault();
    try {
      // In Turkish, "PEER_LINK".toLowerCase() is "peer_lınk" (dotless i).
      Locale.setDefault(Locale.forLanguageTag("tr-TR"));
      assertThat(CliRun.of("explain", TUNNEL, "root[primary]").out()).contains("peer-link ");
    } finally {
      Locale.setDefault(saved);
    }
  }
}
