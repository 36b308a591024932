package io.stellwerk.node.federation;

import static io.stellwerk.node.federation.HistorySyncTest.summary;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stellwerk.node.history.HistoryOptions;
import io.stellwerk.node.topology.HostMapping;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two peers of a root pair each record their own history (HA alarms, samples), and nobody above
 * them replicates it: over the peer link each peer takes the other's own records, so both root
 * peers end with the history of the whole federation — also after one of them was down while the
 * other kept recording (real sockets, real LMDB files, in-JVM stations).
 */
@Timeout(180)
class HistoryPairSyncTest {

  static final String TREE =
      """
      federation: hist-pair
      defaults: {heartbeat: 50ms, missed-beats: 4}
      root:
        id: root
        pair:
          primary: {host: 127.0.130.1, port: 7100}
          backup: {host: 127.0.130.2, port: 7100}
        children:
          - id: root.s1
            host: 127.0.130.3
            port: 7100
      """;

  static final String PRIMARY = "root[primary]";
  static final String BACKUP = "root[backup]";
  static final List<String> OWNERS = List.of(PRIMARY, BACKUP, "root.s1");

  @TempDir Path work;
  private final Cluster cluster = new Cluster(TREE);

  @AfterEach
  void stop() {
    cluster.close();
  }

  private NodeRuntime start(String station) {
    return cluster.start(
        station, HostMapping.identity(), work.resolve(station), HistoryOptions.defaults());
  }

  @Test
  void bothRootPeersEndWithTheSameHistoryIncludingEachOthersOwnRecords() {
    NodeRuntime primary = start(PRIMARY);
    primary.historyFill(30_000, 0);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> primary.historyOf(PRIMARY).records() > 30_000);
    NodeRuntime backup = start(BACKUP);
    backup.historyFill(3_000, 1_000);
    NodeRuntime section = start("root.s1");
    section.historyFill(5_000, 0);
    // The copies can match the owners while the fills still run: wait for the fills first.
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                backup.historyOf(BACKUP).records() > 3_000
                    && section.historyOf("root.s1").records() >= 5_000);
    awaitIdentical();
    assertThat(cluster.get(BACKUP).historyOf(PRIMARY).records()).isGreaterThan(30_000);
    assertThat(primary.historyOf(BACKUP).records()).isGreaterThan(3_000);

    // The backup is down while the primary records; back, it catches up where its store stands.
    cluster.stop(BACKUP);
    long before = primary.historyOf(PRIMARY).records();
    primary.historyFill(10_000, 0);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> primary.historyOf(PRIMARY).records() >= before + 10_000);
    start(BACKUP);
    awaitIdentical();
    assertThat(cluster.get(BACKUP).historyOf(PRIMARY).records()).isGreaterThan(40_000);
    await("status shows the peer link live and caught up")
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                cluster
                    .get(BACKUP)
                    .statusJson()
                    .contains(
                        "\"peer\":{\"peer\":\"root[primary]\",\"state\":\"live\","
                            + "\"recordsBehind\":0,"));
  }

  /** Both peers hold every owner's records exactly as the owner holds them (count, checksum). */
  private void awaitIdentical() {
    await("both root peers hold every owner's history")
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(250))
        .untilAsserted(
            () -> {
              for (String owner : OWNERS) {
                long[] atOwner = summary(cluster.get(owner).historyStore(), owner);
                assertThat(summary(cluster.get(PRIMARY).historyStore(), owner))
                    .as("%s at the primary", owner)
                    .isEqualTo(atOwner);
                assertThat(summary(cluster.get(BACKUP).historyStore(), owner))
                    .as("%s at the backup", owner)
                    .isEqualTo(atOwner);
              }
            });
  }
}
