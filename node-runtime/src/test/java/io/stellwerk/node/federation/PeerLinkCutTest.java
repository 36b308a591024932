package io.stellwerk.node.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stellwerk.node.topology.HostMapping;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Only the link between the peers is cut (through cuttable relays), while the children still see
 * both peers: the passive hears no vote, so there is never a second active.
 */
@Timeout(120)
class PeerLinkCutTest {

  static final String TREE =
      """
      federation: peercut
      defaults: {heartbeat: 50ms, missed-beats: 4}
      root:
        id: root
        pair:
          primary: {host: 127.0.67.1, port: 7100}
          backup: {host: 127.0.67.2, port: 7100}
        children:
          - id: root.s1
            host: 127.0.67.3
            port: 7100
          - id: root.s2
            host: 127.0.67.4
            port: 7100
      """;

  private final Cluster cluster = new Cluster(TREE);
  private TcpRelay towardBackup;
  private TcpRelay towardPrimary;

  @AfterEach
  void stop() {
    cluster.close();
    if (towardBackup != null) {
      towardBackup.close();
      towardPrimary.close();
    }
  }

  private String state(String station) {
    return cluster
        .get(station)
        .get(station + "/ha/state")
        .map(e -> e.value().text())
        .orElse("none");
  }

  @Test
  void aCutPeerLinkAloneNeverMakesASecondActive() throws Exception {
    towardBackup = new TcpRelay("127.0.67.9", "127.0.67.2", 7103);
    towardPrimary = new TcpRelay("127.0.67.8", "127.0.67.1", 7103);
    cluster.start("root[primary]", HostMapping.of(Map.of("127.0.67.2", "127.0.67.9")));
    cluster.start("root[backup]", HostMapping.of(Map.of("127.0.67.1", "127.0.67.8")));
    cluster.start("root.s1");
    cluster.start("root.s2");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                state("root[primary]").equals("active") && state("root[backup]").equals("passive"));

    towardBackup.cut();
    towardPrimary.cut();
    await("the active notices the lost peer")
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                cluster
                    .get("root[primary]")
                    .get("root[primary]/ha/alarm")
                    .map(e -> e.value().text().contains("lost"))
                    .orElse(false));
    await("the passive notices the lost peer")
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                cluster
                    .get("root[backup]")
                    .get("root[backup]/ha/alarm")
                    .map(e -> e.value().text().contains("lost"))
                    .orElse(false));
    await("the passive stays passive and the active active while the children see the active")
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(4))
        .until(
            () ->
                state("root[backup]").equals("passive") && state("root[primary]").equals("active"));

    towardBackup.restore(true);
    towardPrimary.restore(true);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> cluster.get("root[backup]").statusJson().contains("\"alive\":true"));
    assertThat(state("root[primary]")).isEqualTo("active");
    assertThat(state("root[backup]")).isEqualTo("passive");
  }

  @Test
  void aHealedSplitWithTwoActivesKeepsTheHigherEpochAndReportsTheLosersWrites() throws Exception {
    // A pair with no neighbours: nobody hears both peers, so only the healed peer link can settle
    // two actives. The operator makes the cut-off backup active (an unhealthy takeover).
    Cluster lone =
        new Cluster(
            """
            federation: split
            defaults: {heartbeat: 50ms, missed-beats: 4}
            root:
              id: st
              pair:
                primary: {host: 127.0.67.21, port: 7100}
                backup: {host: 127.0.67.22, port: 7100}
            """);
    towardBackup = new TcpRelay("127.0.67.29", "127.0.67.22", 7103);
    towardPrimary = new TcpRelay("127.0.67.28", "127.0.67.21", 7103);
    try (lone) {
      NodeRuntime primary =
          lone.start("st[primary]", HostMapping.of(Map.of("127.0.67.22", "127.0.67.29")));
      NodeRuntime backup =
          lone.start("st[backup]", HostMapping.of(Map.of("127.0.67.21", "127.0.67.28")));
      // Through the relays a peer that starts first reaches nothing yet, and its link backs off
      // (up to 4 s) before it tries again: the waits allow for that.
      await("healthy start")
          .atMost(Duration.ofSeconds(30))
          .until(() -> text(primary, "st[primary]/ha/state").equals("active"));
      await("the backup is passive, sees the active primary and is ready")
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  text(backup, "st[backup]/ha/state").equals("passive")
                      && text(backup, "st[backup]/ha/peer").equals("active")
                      && text(backup, "st[backup]/ha/ready").equals("true"));

      towardBackup.cut();
      towardPrimary.cut();
      await("the peers lose each other")
          .atMost(Duration.ofSeconds(10))
          .until(() -> text(backup, "st[backup]/ha/peer").equals("lost"));
      assertThat(backup.call(() -> backup.loopForTests().ha.takeover(System.nanoTime()))).isNull();
      await("the backup is active too")
          .atMost(Duration.ofSeconds(5))
          .until(() -> text(backup, "st[backup]/ha/state").equals("active"));
      primary.write("st/split/a", io.stellwerk.node.dim.Value.of(1L));
      primary.write("st/split/b", io.stellwerk.node.dim.Value.of(2L));

      towardBackup.restore(true);
      towardPrimary.restore(true);
      await("healed, the lower epoch steps down")
          .atMost(Duration.ofSeconds(30))
          .until(() -> text(primary, "st[primary]/ha/state").equals("passive"));
      assertThat(text(backup, "st[backup]/ha/state")).isEqualTo("active");
      assertThat(text(primary, "st[primary]/ha/alarm"))
          .contains("stepped down to passive")
          .contains("2 write(s) made while the peer was unreachable are superseded")
          .contains("st/split/a", "st/split/b");
    }
  }

  private static String text(NodeRuntime n, String key) {
    return n.get(key).map(e -> e.value().text()).orElse("");
  }
}
