package io.stellwerk.node.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stellwerk.node.dim.Value;
import io.stellwerk.node.history.HistoryOptions;
import io.stellwerk.node.history.HistoryRecord;
import io.stellwerk.node.history.HistoryStore;
import io.stellwerk.node.history.Position;
import io.stellwerk.node.history.Retention;
import io.stellwerk.node.topology.HostMapping;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * History flows south to north on real sockets and real LMDB files (in-JVM stations): a delta of
 * what a lone leaf recorded reaches its parent and the root exactly once, live records follow, cut
 * links resume, and what the leaf pruned before the others got it becomes a gap record.
 */
@Timeout(120)
class HistorySyncTest {

  static final String TREE =
      """
      federation: hist
      defaults: {heartbeat: 50ms, missed-beats: 4}
      root:
        id: root
        host: 127.0.90.1
        port: 7100
        children:
          - id: root.s1
            host: 127.0.90.2
            port: 7100
            children:
              - id: root.s1.leaf
                host: 127.0.90.3
                port: 7100
      """;

  static final String LEAF = "root.s1.leaf";

  @TempDir Path work;
  private final Cluster cluster = new Cluster(TREE);
  private TcpRelay relay;

  @AfterEach
  void stop() {
    cluster.close();
    if (relay != null) {
      relay.close();
    }
  }

  private NodeRuntime start(String station, HostMapping hosts, HistoryOptions h) {
    return cluster.start(station, hosts, work.resolve(station), h);
  }

  private NodeRuntime start(String station) {
    return start(station, HostMapping.identity(), HistoryOptions.defaults());
  }

  /** Count and an order-sensitive checksum of an owner's records in a store. */
  static long[] summary(HistoryStore s, String owner) throws Exception {
    long count = 0;
    long sum = 17;
    Position at = Position.ZERO;
    while (true) {
      List<HistoryRecord> rs = s.after(owner, at, 50_000);
      if (rs.isEmpty()) {
        return new long[] {count, sum};
      }
      for (HistoryRecord r : rs) {
        count++;
        sum = sum * 31 + r.seq() * 7919 + r.ts() + (r.value() == null ? 0 : r.value().hashCode());
        at = r.position();
      }
    }
  }

  private void awaitSame(String station, String owner, long records, Duration within) {
    await(station + " holds " + records + " records of " + owner)
        .atMost(within)
        .pollInterval(Duration.ofMillis(100))
        .until(() -> cluster.get(station).historyOf(owner).records() == records);
  }

  @Test
  void whatALoneLeafRecordedReachesParentAndRootExactlyOnceThenLiveRecordsFollow()
      throws Exception {
    NodeRuntime leaf = start(LEAF);
    leaf.historyFill(200_000, 0);
    await().atMost(Duration.ofSeconds(60)).until(() -> leaf.historyOf(LEAF).records() == 200_000);
    start("root.s1");
    start("root");
    awaitSame("root.s1", LEAF, 200_000, Duration.ofSeconds(60));
    awaitSame("root", LEAF, 200_000, Duration.ofSeconds(60));
    long[] atLeaf = summary(leaf.historyStore(), LEAF);
    assertThat(summary(cluster.get("root.s1").historyStore(), LEAF)).isEqualTo(atLeaf);
    assertThat(summary(cluster.get("root").historyStore(), LEAF)).isEqualTo(atLeaf);

    leaf.historyFill(10, 100);
    awaitSame("root", LEAF, 200_010, Duration.ofSeconds(10));
    assertThat(summary(cluster.get("root").historyStore(), LEAF))
        .isEqualTo(summary(leaf.historyStore(), LEAF));
    assertThat(cluster.get("root").counter("historyGaps")).isZero();
  }

  @Test
  void aCutLinkDuringTheDeltaAndDuringLiveResumesAndEndsWithEveryRecordOnce() throws Exception {
    // The root reaches s1's north PUB (+2) and s1 reaches the root's south sockets through relays.
    relay = new TcpRelay("127.0.90.9", "127.0.90.1", 7100, 7101);
    TcpRelay north = new TcpRelay("127.0.90.8", "127.0.90.2", 7102);
    try {
      NodeRuntime s1 =
          start(
              "root.s1",
              HostMapping.of(Map.of("127.0.90.1", "127.0.90.9")),
              HistoryOptions.defaults());
      s1.historyFill(300_000, 0);
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> s1.historyOf("root.s1").records() > 100_000);
      NodeRuntime root =
          start(
              "root",
              HostMapping.of(Map.of("127.0.90.2", "127.0.90.8")),
              HistoryOptions.defaults());
      // Waiting for the scenario to begin (links up through both relays), not a measured bound.
      await("the delta is under way")
          .atMost(Duration.ofSeconds(90))
          .until(() -> root.historyOf("root.s1").records() > 20_000);
      long during = cutUntilDown(root, north);
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> s1.historyOf("root.s1").records() == 300_000);
      awaitSame("root", "root.s1", 300_000, Duration.ofSeconds(60));
      assertThat(during).isLessThan(300_000);

      // Live: cut while the section records, heal, everything arrives once.
      s1.historyFill(2_000, 1000);
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> root.historyOf("root.s1").records() > 300_200);
      cutUntilDown(root, north);
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> s1.historyOf("root.s1").records() == 302_000);
      awaitSame("root", "root.s1", 302_000, Duration.ofSeconds(30));
      assertThat(summary(root.historyStore(), "root.s1"))
          .isEqualTo(summary(s1.historyStore(), "root.s1"));
    } finally {
      north.close();
    }
  }

  /**
   * Cuts both relays until the root declares the link down, then heals them; returns what the root
   * held at the cut.
   */
  private long cutUntilDown(NodeRuntime root, TcpRelay north) {
    long downs = root.counter("linkRecreations");
    relay.cut();
    north.cut();
    long during = root.historyOf("root.s1").records();
    await("the root notices the cut")
        .atMost(Duration.ofSeconds(10))
        .until(() -> root.counter("linkRecreations") > downs);
    relay.restore(true);
    north.restore(true);
    return during;
  }

  @Test
  void whatTheLeafPrunedBeforeTheParentGotItArrivesAsAGapRecord() throws Exception {
    HistoryOptions shortLived =
        HistoryOptions.defaults()
            .withRetention(
                Retention.defaults()
                    .withMaxAge(Duration.ofSeconds(2))
                    .withInterval(Duration.ofMillis(200)));
    NodeRuntime leaf = start(LEAF, HostMapping.identity(), shortLived);
    leaf.historyFill(1_000, 0);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> leaf.historyOf(LEAF).prunedUpTo().seq() == 1_000);
    leaf.historyFill(500, 0);
    await().atMost(Duration.ofSeconds(10)).until(() -> leaf.historyOf(LEAF).last().seq() == 1_500);

    NodeRuntime s1 = start("root.s1");
    await("the parent holds the gap and the 500 records after it")
        .atMost(Duration.ofSeconds(30))
        .until(() -> s1.historyOf(LEAF).last().seq() == 1_500);
    List<HistoryRecord> got = s1.historyStore().after(LEAF, Position.ZERO, 10_000);
    // What the leaf had pruned when the parent asked (at least the first 1,000; on a slow machine
    // some of the later 500 too) arrives as one gap record; every record after it is there.
    HistoryRecord gap = got.get(0);
    assertThat(gap.kind()).isEqualTo(HistoryRecord.Kind.GAP);
    assertThat(gap.seq()).isBetween(1_000L, 1_500L);
    assertThat(gap.value()).isEqualTo(Value.of(gap.seq()));
    assertThat(got.subList(1, got.size()))
        .extracting(HistoryRecord::seq)
        .containsExactlyElementsOf(
            java.util.stream.LongStream.rangeClosed(gap.seq() + 1, 1_500).boxed().toList());
  }
}
