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
@Timeout(60)
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
    towardBackup.close();
    towardPrimary.close();
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
}
