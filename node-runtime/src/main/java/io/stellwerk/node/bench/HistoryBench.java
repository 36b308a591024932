package io.stellwerk.node.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stellwerk.node.history.HistoryRecord;
import io.stellwerk.node.history.HistoryStore;
import io.stellwerk.node.history.Position;
import io.stellwerk.node.launcher.LocalFederation;
import io.stellwerk.node.launcher.StationProbe;
import io.stellwerk.node.topology.StationId;
import io.stellwerk.node.topology.Topology;
import io.stellwerk.node.topology.TopologyLoader;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * History benchmark on three levels (root, section, leaf) of real processes: a leaf records {@code
 * records} values alone, then its section and the root start and take the delta (records per second
 * until the root holds all); then the leaf records live at {@code rate} and the lag from recording
 * at the leaf to durable at the root is measured; at the end the stores are opened and compared
 * (lost, duplicated), and the stored bytes per record and peak RSS are reported.
 */
public final class HistoryBench {

  static final String TOPOLOGY =
      """
      federation: history-bench
      defaults: {heartbeat: 100ms, missed-beats: 10}
      root:
        id: root
        host: 127.0.95.1
        port: 7100
        children:
          - id: root.s1
            host: 127.0.95.2
            port: 7100
            children:
              - id: root.s1.leaf
                host: 127.0.95.3
                port: 7100
      """;

  static final String LEAF = "root.s1.leaf";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path work;
  private final PrintWriter out;

  public HistoryBench(Path work, PrintWriter out) {
    this.work = work;
    this.out = out;
  }

  public void run(long records, double rate, int liveSeconds) throws Exception {
    Path file = work.resolve("history-bench.yaml");
    Files.createDirectories(work);
    Files.writeString(file, TOPOLOGY);
    Topology topology = TopologyLoader.load(file).valid().orElseThrow();
    long liveRecords = Math.max(1, (long) (rate * liveSeconds));
    long total = records + liveRecords;
    int rss = 0;
    ObjectNode delta = JSON.createObjectNode().put("bench", "history_delta");
    ObjectNode live = JSON.createObjectNode().put("bench", "history_live");
    try (StationProbe probe = new StationProbe(topology, true);
        LocalFederation fed =
            LocalFederation.insecure(
                file, topology, work.resolve("run"), List.of("--log-level", "warn"))) {
      fed.start(LEAF);
      Waits.until(() -> ask(probe, LEAF, "{\"op\":\"ping\"}") != null, Duration.ofSeconds(60));
      ask(probe, LEAF, "{\"op\":\"history-fill\",\"records\":" + records + ",\"rate\":0}");
      Waits.until(() -> held(probe, LEAF) == records, Duration.ofSeconds(600));

      fed.start("root.s1");
      fed.start("root");
      Waits.until(
          () ->
              ask(probe, "root", "{\"op\":\"ping\"}") != null
                  && ask(probe, "root.s1", "{\"op\":\"ping\"}") != null,
          Duration.ofSeconds(60));
      long t0 = System.nanoTime();
      ObjectNode cpu = JSON.createObjectNode();
      for (StationId s : topology.stations()) {
        cpu.put(s.toString(), -cpuSeconds(fed, s));
      }
      while (held(probe, "root") < records) {
        rss = Math.max(rss, Rss.maxMb(fed, topology));
        if (System.nanoTime() - t0 > Duration.ofSeconds(900).toNanos()) {
          throw new IllegalStateException("the root did not receive the delta within 15 minutes");
        }
        Thread.sleep(100);
      }
      double secs = (System.nanoTime() - t0) / 1e9;
      for (StationId s : topology.stations()) {
        cpu.put(s.toString(), round(cpu.path(s.toString()).asDouble() + cpuSeconds(fed, s)));
      }
      delta
          .put("records", records)
          .put("seconds", round(secs))
          .put("records_per_s", (long) (records / secs));
      // CPU seconds each station spent on the delta: the work itself, whatever the load.
      delta.set("cpu_s", cpu);
      out.println(delta);
      out.flush();

      ask(probe, "root", "{\"op\":\"history-probe\",\"reset\":true}");
      ask(
          probe,
          LEAF,
          "{\"op\":\"history-fill\",\"records\":" + liveRecords + ",\"rate\":" + rate + "}");
      long t1 = System.nanoTime();
      while (held(probe, "root") < total) {
        rss = Math.max(rss, Rss.maxMb(fed, topology));
        if (System.nanoTime() - t1 > Duration.ofSeconds(liveSeconds + 120L).toNanos()) {
          break;
        }
        Thread.sleep(100);
      }
      JsonNode lag = ask(probe, "root", "{\"op\":\"history-probe\"}");
      live.put("rate", rate).put("records", liveRecords);
      live.set("lag_ms", lagMs(lag));
      out.println(live);
      out.flush();
      fed.close();

      long[] atLeaf = summary(fed.dataDir(LEAF), LEAF);
      long[] atRoot = summary(fed.dataDir("root"), LEAF);
      ObjectNode summary = JSON.createObjectNode().put("bench", "history");
      summary.put("delta_records", records);
      summary.put("delta_records_per_s", (long) (records / secs));
      summary.set("live_lag_ms", lagMs(lag));
      summary.put("lost", Math.max(0, atLeaf[0] - atRoot[0]));
      summary.put("duplicated", Math.max(0, atRoot[0] - atLeaf[0]));
      summary.put("identical", atLeaf[0] == atRoot[0] && atLeaf[1] == atRoot[1]);
      summary.put("bytes_per_record", atRoot[0] == 0 ? 0 : atRoot[2] / atRoot[0]);
      summary.put("rss_mb_max", rss);
      out.println(summary);
      out.flush();
    }
  }

  private static ObjectNode lagMs(JsonNode lag) {
    ObjectNode n = JSON.createObjectNode();
    n.put("p50", round(lag.path("p50Us").asDouble() / 1000));
    n.put("p99", round(lag.path("p99Us").asDouble() / 1000));
    n.put("max", round(lag.path("maxUs").asDouble() / 1000));
    n.put("count", lag.path("count").asLong());
    return n;
  }

  private static double cpuSeconds(LocalFederation fed, StationId s) {
    Process p = fed.process(s.toString());
    return p == null ? 0 : p.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(0.0);
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }

  private static JsonNode ask(StationProbe probe, String station, String json) {
    return probe
        .ask(StationId.parse(station).orElseThrow(), json, Duration.ofSeconds(5))
        .orElse(null);
  }

  private static long held(StationProbe probe, String station) {
    JsonNode s = ask(probe, station, "{\"op\":\"status\"}");
    return s == null ? -1 : s.path("history").path("owners").path(LEAF).path("records").asLong(0);
  }

  /** Count, checksum and stored bytes of an owner's records in a stopped station's store. */
  static long[] summary(Path dataDir, String owner) throws Exception {
    try (HistoryStore s = HistoryStore.open(dataDir.resolve("history"), 1L << 30)) {
      long count = 0;
      long sum = 17;
      Position at = Position.ZERO;
      while (true) {
        List<HistoryRecord> rs = s.after(owner, at, 100_000);
        if (rs.isEmpty()) {
          return new long[] {count, sum, s.owner(owner).bytes()};
        }
        for (HistoryRecord r : rs) {
          count++;
          sum = sum * 31 + r.seq() * 7919 + r.ts() + (r.value() == null ? 0 : r.value().hashCode());
          at = r.position();
        }
      }
    }
  }
}
