package io.stellwerk.node.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.stellwerk.node.history.HistoryRecord;
import io.stellwerk.node.history.HistoryStore;
import io.stellwerk.node.history.Position;
import io.stellwerk.node.topology.StationId;
import io.stellwerk.node.topology.Topology;
import io.stellwerk.node.topology.TopologyLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real processes, real LMDB files: a section that recorded alone hands its whole history to its
 * parent and the root, exactly once, with bounded memory; killing the child in the middle of the
 * delta and the parent in the middle of its writes changes nothing in the end.
 */
@Timeout(300)
class HistoryProcessTest {

  static final String TREE =
      """
      federation: history
      defaults: {heartbeat: 100ms, missed-beats: 5}
      root:
        id: root
        host: 127.0.91.1
        port: 7100
        children:
          - id: root.s1
            host: 127.0.91.2
            port: 7100
            children:
              - id: root.s1.sec
                host: 127.0.91.3
                port: 7100
      """;

  static final String SECTION = "root.s1.sec";

  @TempDir Path work;
  private LocalFederation fed;
  private StationProbe probe;

  @BeforeEach
  void start() throws Exception {
    Path file = work.resolve("history.yaml");
    Files.writeString(file, TREE);
    Topology topology = TopologyLoader.load(file).valid().orElseThrow();
    fed =
        LocalFederation.insecure(
            file, topology, work.resolve("run"), List.of("--log-level", "warn"));
    probe = new StationProbe(topology, true);
  }

  @AfterEach
  void stop() {
    probe.close();
    fed.close();
  }

  private JsonNode status(String station) {
    return probe.status(StationId.parse(station).orElseThrow(), Duration.ofSeconds(2)).orElse(null);
  }

  /** Records of an owner held by a running station (-1 if it does not answer). */
  private long records(String station, String owner) {
    JsonNode s = status(station);
    return s == null ? -1 : s.path("history").path("owners").path(owner).path("records").asLong(0);
  }

  private void fill(String station, long n) {
    JsonNode ok =
        probe
            .ask(
                StationId.parse(station).orElseThrow(),
                "{\"op\":\"history-fill\",\"records\":" + n + ",\"rate\":0}",
                Duration.ofSeconds(5))
            .orElseThrow();
    assertThat(ok.path("ok").asBoolean()).isTrue();
  }

  private static long rssMb(Process p) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(p.pid()), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
        }
      }
    } catch (Exception e) {
      // the process is gone
    }
    return 0;
  }

  /** Count and order-sensitive checksum of an owner's history in a stopped station's store. */
  static long[] summary(Path dataDir, String owner) throws Exception {
    try (HistoryStore s = HistoryStore.open(dataDir.resolve("history"), 1L << 30)) {
      long count = 0;
      long sum = 17;
      Position at = Position.ZERO;
      while (true) {
        List<HistoryRecord> rs = s.after(owner, at, 100_000);
        if (rs.isEmpty()) {
          return new long[] {count, sum};
        }
        for (HistoryRecord r : rs) {
          count++;
          sum = sum * 31 + r.seq() * 7919 + r.ts() + r.value().hashCode();
          at = r.position();
        }
      }
    }
  }

  private void recordAlone(long n) throws Exception {
    fed.start(SECTION);
    await().atMost(Duration.ofSeconds(30)).until(() -> status(SECTION) != null);
    fill(SECTION, n);
    await("the section records " + n + " values alone")
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> records(SECTION, SECTION) == n);
  }

  private void assertSameEverywhere(long n) throws Exception {
    fed.close();
    long[] atSection = summary(fed.dataDir(SECTION), SECTION);
    assertThat(atSection[0]).isEqualTo(n);
    assertThat(summary(fed.dataDir("root.s1"), SECTION)).isEqualTo(atSection);
    assertThat(summary(fed.dataDir("root"), SECTION)).isEqualTo(atSection);
  }

  @Test
  void aMillionValuesRecordedAloneReachParentAndRootExactlyOnceWithBoundedMemory()
      throws Exception {
    long n = 1_000_000;
    recordAlone(n);
    Process parent = fed.start("root.s1");
    fed.start("root");
    long[] rss = {0};
    await("parent and root hold the million")
        .atMost(Duration.ofSeconds(180))
        .pollInterval(Duration.ofMillis(250))
        .until(
            () -> {
              rss[0] = Math.max(rss[0], rssMb(parent));
              return records("root.s1", SECTION) == n && records("root", SECTION) == n;
            });
    // -Xmx256m: the delta is bounded by credit and the writer's buffer, not by its size.
    assertThat(rss[0]).isBetween(1L, 450L);
    JsonNode link = status("root.s1").path("history").path("children").get(0);
    assertThat(link.path("recordsBehind").asLong()).isZero();
    assertSameEverywhere(n);
  }

  @Test
  void killingTheChildMidDeltaAndTheParentMidWriteLeavesEveryRecordOnceAtTheRoot()
      throws Exception {
    long n = 150_000;
    recordAlone(n);
    fed.start("root.s1");
    fed.start("root");
    await("the parent's delta is under way")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> records("root.s1", SECTION) > 20_000);
    fed.kill(SECTION);
    long atKill = records("root.s1", SECTION);
    assertThat(atKill).isLessThan(n);
    fed.start(SECTION);
    await("the parent writes again after the child's restart")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> records("root.s1", SECTION) > atKill + 20_000);
    fed.kill("root.s1");
    fed.start("root.s1");
    await("parent and root hold every record")
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(250))
        .until(() -> records("root.s1", SECTION) == n && records("root", SECTION) == n);
    // Each station keeps lmdbjava's native library in its data directory, and the copy a killed
    // JVM left there is gone once the station runs again: one file each, not one per start (an
    // orderly stop removes it).
    for (String killed : List.of(SECTION, "root.s1")) {
      try (var files = Files.list(work.resolve("run").resolve(killed).resolve("native"))) {
        assertThat(files.map(p -> p.getFileName().toString()).toList())
            .singleElement()
            .matches(name -> name.startsWith("lmdbjava-native-library-"));
      }
    }
    assertSameEverywhere(n);
  }
}
