package io.stellwerk.node.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stellwerk.node.launcher.LocalFederation;
import io.stellwerk.node.launcher.StationProbe;
import io.stellwerk.node.topology.StationId;
import io.stellwerk.node.topology.Topology;
import io.stellwerk.node.topology.TopologyLoader;
import io.stellwerk.node.topology.TopologyNode;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Failover benchmark: kills the active peer of a pair (kill -9) N times while a child writes at a
 * steady rate, and measures when the passive noticed, when it became active, when the children
 * followed, whether any update was lost, and whether both peers were ever seen active at once.
 */
public final class FailoverBench {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration POLL = Duration.ofMillis(300);

  private final Path topologyFile;
  private final Topology topology;
  private final Path work;
  private final PrintWriter out;
  private StationProbe probe;

  public FailoverBench(Path topologyFile, int heartbeatMs, Path work, PrintWriter out)
      throws Exception {
    this.work = work;
    this.out = out;
    Files.createDirectories(work);
    if (topologyFile == null) {
      topologyFile = work.resolve("failover.yaml");
      Files.writeString(
          topologyFile,
          """
          federation: failover
          defaults: {heartbeat: %dms, missed-beats: 3}
          root:
            id: root
            pair:
              primary: {host: 127.0.81.1, port: 7100}
              backup: {host: 127.0.81.2, port: 7100}
            children:
              - id: root.s1
                host: 127.0.81.3
                port: 7100
              - id: root.s2
                host: 127.0.81.4
                port: 7100
          """
              .formatted(heartbeatMs));
    }
    this.topologyFile = topologyFile;
    this.topology =
        TopologyLoader.load(topologyFile)
            .valid()
            .orElseThrow(() -> new IllegalArgumentException("invalid topology"));
  }

  /**
   * Kills the pair's active peer {@code runs} times.
   *
   * @param security {@code off} (plain text), {@code curve} (CURVE and owner signatures, keys made
   *     for the bench), or {@code both} one after the other; {@code null} for the default: both, or
   *     plain text for a pair at a PLC (which runs plain text only)
   */
  public void run(String pairId, int runs, String security) throws Exception {
    TopologyNode pair =
        pairId == null
            ? topology.nodes().stream().filter(TopologyNode::isPair).findFirst().orElseThrow()
            : topology.require(pairId);
    boolean atPlc = pair.isPair() && pair.plc() != null && pair.plc().kind().equals("modbus");
    if (security == null) {
      security = atPlc ? "off" : "both";
    }
    if (atPlc) {
      if (!security.equals("off")) {
        throw new IllegalArgumentException(
            "a pair at a PLC is benchmarked in plain text only: use --security off");
      }
      // A pair at a PLC: the PLC witnesses the failover.
      new PlcFailoverBench(topologyFile, topology, work, out).run(pair, runs);
      return;
    }
    if (!pair.isPair() || pair.children().isEmpty()) {
      throw new IllegalArgumentException(
          pair.id() + " must be a pair with children (they vote) or with a modbus PLC");
    }
    for (boolean secured : SecurityModes.runs(security)) {
      votes(pair, runs, secured);
    }
  }

  /** A pair whose children vote: kill, watch the takeover and the children follow. */
  private void votes(TopologyNode pair, int runs, boolean secured) throws Exception {
    String writer = pair.children().get(0).id();
    List<String> children = pair.children().stream().map(TopologyNode::id).toList();
    List<Long> detect = new ArrayList<>();
    List<Long> takeover = new ArrayList<>();
    List<Long> resumed = new ArrayList<>();
    long lostTotal = 0;
    long dualTotal = 0;
    String mode = secured ? "curve" : "off";
    List<String> args = List.of("--log-level", "warn");
    Path runDir = work.resolve("run-" + mode);
    try (LocalFederation fed =
        secured
            ? LocalFederation.secured(topologyFile, topology, runDir, work.resolve("keys"), args)
            : LocalFederation.insecure(topologyFile, topology, runDir, args)) {
      probe = new StationProbe(topology, true, fed.workstation());
      fed.startAll();
      for (int run = 1; run <= runs; run++) {
        String active = awaitHealthy(pair);
        String passive = StationId.parse(active).orElseThrow().otherPeer().toString();
        ask(writer, "{\"op\":\"load\",\"rate\":1000,\"keys\":100,\"durationMs\":3000}");
        Waits.until(
            () -> versions(passive, writer + "/bench/").size() >= 100, Duration.ofSeconds(10));
        long t0 = System.nanoTime();
        fed.kill(active);
        long detected = -1;
        long tookOver = -1;
        long childrenBack = -1;
        long dual = 0;
        while (childrenBack < 0 && System.nanoTime() - t0 < 10_000_000_000L) {
          JsonNode st = status(passive);
          long now = (System.nanoTime() - t0) / 1_000_000;
          if (st != null
              && detected < 0
              && !st.path("ha").path("peer").path("alive").asBoolean(true)) {
            detected = now;
          }
          if (st != null && tookOver < 0 && st.path("ha").path("state").asText().equals("active")) {
            tookOver = now;
            detected = detected < 0 ? now : detected;
          }
          // Only a process that is still there can answer: asking the killed one would stall
          // every turn for the whole request timeout and coarsen every figure to it.
          JsonNode old = tookOver >= 0 && fed.isRunning(active) ? status(active) : null;
          if (old != null && old.path("ha").path("state").asText().equals("active")) {
            dual += 10;
          }
          if (tookOver >= 0
              && children.stream()
                  .allMatch(c -> passive.equals(get(c, pair.id() + "/ha/active")))) {
            childrenBack = (System.nanoTime() - t0) / 1_000_000;
          }
        }
        long lost = awaitLost(writer, passive);
        ObjectNode line = JSON.createObjectNode();
        line.put("bench", "failover_run").put("security", mode);
        line.put("run", run).put("killed", active);
        line.put("detect_ms", detected)
            .put("takeover_ms", tookOver)
            .put("children_resumed_ms", childrenBack);
        line.put("lost", lost).put("dual_active_ms", dual);
        print(line);
        detect.add(detected);
        takeover.add(tookOver);
        resumed.add(childrenBack);
        lostTotal += lost;
        dualTotal += dual;
        fed.start(active);
      }
      ObjectNode sum = JSON.createObjectNode();
      sum.put("bench", "failover").put("security", mode).put("runs", runs);
      sum.put("heartbeat_ms", topology.defaults().heartbeat().toMillis());
      sum.set("detect_ms", stats(detect));
      sum.set("takeover_ms", stats(takeover));
      sum.set("children_resumed_ms", stats(resumed));
      sum.put("lost", lostTotal).put("dual_active_ms", dualTotal);
      print(sum);
    } finally {
      if (probe != null) {
        probe.close();
      }
    }
  }

  private String awaitHealthy(TopologyNode pair) throws InterruptedException {
    String[] active = new String[1];
    Waits.until(
        () -> {
          int ready = 0;
          for (StationId s : pair.stations()) {
            JsonNode st = status(s.toString());
            if (st == null
                || !st.path("ha").path("ready").asBoolean()
                || !st.path("ha").path("peer").path("alive").asBoolean()) {
              return false;
            }
            if (st.path("ha").path("state").asText().equals("active")) {
              active[0] = s.toString();
            }
            ready++;
          }
          return ready == 2 && active[0] != null;
        },
        Duration.ofSeconds(90));
    return active[0];
  }

  private long awaitLost(String writer, String newActive) throws InterruptedException {
    long written = Waits.stable(() -> ask(writer, "{\"op\":\"probe\"}").path("written").asLong());
    Map<String, String> atOwner = versions(writer, writer + "/bench/");
    long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    Map<String, String> atRoot = versions(newActive, writer + "/bench/");
    while (!atRoot.equals(atOwner) && System.nanoTime() < end) {
      Thread.sleep(100);
      atRoot = versions(newActive, writer + "/bench/");
    }
    long lost = 0;
    for (Map.Entry<String, String> e : atOwner.entrySet()) {
      if (!e.getValue().equals(atRoot.get(e.getKey()))) {
        lost++;
      }
    }
    return written > 0 ? lost : 0;
  }

  private static ObjectNode stats(List<Long> values) {
    List<Long> v = new ArrayList<>(values);
    v.sort(Long::compare);
    ObjectNode n = JSON.createObjectNode();
    n.put("median", v.get(v.size() / 2));
    n.put("p95", v.get(Math.min(v.size() - 1, (int) Math.ceil(v.size() * 0.95) - 1)));
    return n;
  }

  private JsonNode status(String station) {
    return probe
        .ask(StationId.parse(station).orElseThrow(), "{\"op\":\"status\"}", POLL)
        .orElse(null);
  }

  private String get(String station, String key) {
    return probe
        .ask(
            StationId.parse(station).orElseThrow(),
            "{\"op\":\"get\",\"key\":\"" + key + "\"}",
            POLL)
        .map(j -> j.path("value").asText())
        .orElse("");
  }

  private Map<String, String> versions(String station, String prefix) {
    Map<String, String> out = new HashMap<>();
    probe
        .ask(
            StationId.parse(station).orElseThrow(),
            "{\"op\":\"keys\",\"prefix\":\"" + prefix + "\",\"limit\":100000}",
            Duration.ofSeconds(2))
        .ifPresent(
            r ->
                r.path("entries")
                    .forEach(e -> out.put(e.path("key").asText(), e.path("version").asText())));
    return out;
  }

  /** Asks a station, retrying twice: under saturation a request can go unanswered. */
  private JsonNode ask(String station, String json) {
    for (int attempt = 0; attempt < 3; attempt++) {
      var answer = probe.ask(StationId.parse(station).orElseThrow(), json, Duration.ofSeconds(5));
      if (answer.isPresent()) {
        return answer.get();
      }
    }
    throw new IllegalStateException(station + " did not answer " + json + " three times");
  }

  private void print(ObjectNode n) {
    out.println(n.toString());
    out.flush();
  }
}
