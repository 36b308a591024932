package io.stellwerk.node.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stellwerk.node.launcher.LocalFederation;
import io.stellwerk.node.launcher.StationProbe;
import io.stellwerk.node.plc.PlcSimServer;
import io.stellwerk.node.plc.TunnelImage;
import io.stellwerk.node.topology.HostMapping;
import io.stellwerk.node.topology.ModbusBinding;
import io.stellwerk.node.topology.StationId;
import io.stellwerk.node.topology.Topology;
import io.stellwerk.node.topology.TopologyNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Failover of a pair at a Modbus PLC: a simulated PLC runs in this process and records every write
 * with its writer and time; the active peer is killed (kill -9) N times. Per run: when the passive
 * noticed and became active, when the new active's first life-sign write reached the PLC, how long
 * the PLC went without a writer, and how many writes the killed peer's address made after the new
 * one had begun (0 means one writer at a time).
 */
final class PlcFailoverBench {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration POLL = Duration.ofMillis(300);

  private record Write(String address, long nanos) {}

  private final Path topologyFile;
  private final Topology topology;
  private final Path work;
  private final PrintWriter out;

  PlcFailoverBench(Path topologyFile, Topology topology, Path work, PrintWriter out) {
    this.topologyFile = topologyFile;
    this.topology = topology;
    this.work = work;
    this.out = out;
  }

  void run(TopologyNode pair, int runs) throws Exception {
    HostMapping hosts = HostMapping.local(topology);
    ModbusBinding plc = ModbusBinding.of(pair.plc());
    int register = plc.lifeSignRegister().orElseThrow();
    List<Write> writes = new CopyOnWriteArrayList<>();
    List<Long> detect = new ArrayList<>();
    List<Long> takeover = new ArrayList<>();
    List<Long> resumed = new ArrayList<>();
    List<Long> gaps = new ArrayList<>();
    long dualTotal = 0;
    try (PlcSimServer sim =
            PlcSimServer.start(
                hosts.map(plc.host()),
                plc.port(),
                new TunnelImage(),
                (remote, table, address, values) -> {
                  if (address == register) {
                    writes.add(
                        new Write(remote.substring(0, remote.lastIndexOf(':')), System.nanoTime()));
                  }
                });
        StationProbe probe = new StationProbe(topology, true);
        LocalFederation fed =
            LocalFederation.insecure(
                topologyFile, topology, work.resolve("run"), List.of("--log-level", "warn"))) {
      fed.startAll();
      for (int run = 1; run <= runs; run++) {
        String active = awaitHealthy(probe, pair);
        String passive = StationId.parse(active).orElseThrow().otherPeer().toString();
        String oldAddress =
            hosts.map(topology.address(StationId.parse(active).orElseThrow()).host());
        String newAddress =
            hosts.map(topology.address(StationId.parse(passive).orElseThrow()).host());
        long t0 = System.nanoTime();
        fed.kill(active);
        long detected = -1;
        long tookOver = -1;
        long firstWrite = -1;
        while (firstWrite < 0 && System.nanoTime() - t0 < 15_000_000_000L) {
          JsonNode st = status(probe, passive);
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
          for (Write w : writes) {
            if (w.address().equals(newAddress) && w.nanos() - t0 > 0) {
              firstWrite = w.nanos();
              break;
            }
          }
        }
        long lastOld = -1;
        long dual = 0;
        for (Write w : writes) {
          if (w.address().equals(oldAddress)) {
            if (firstWrite > 0 && w.nanos() > firstWrite) {
              dual++;
            }
            lastOld = Math.max(lastOld, w.nanos());
          }
        }
        long resumedMs = firstWrite < 0 ? -1 : (firstWrite - t0) / 1_000_000;
        long gapMs = firstWrite < 0 || lastOld < 0 ? -1 : (firstWrite - lastOld) / 1_000_000;
        ObjectNode line = JSON.createObjectNode();
        line.put("bench", "failover_plc_run").put("run", run).put("killed", active);
        line.put("detect_ms", detected).put("takeover_ms", tookOver);
        line.put("plc_resumed_ms", resumedMs).put("plc_gap_ms", gapMs);
        line.put("dual_writer_writes", dual);
        print(line);
        detect.add(detected);
        takeover.add(tookOver);
        resumed.add(resumedMs);
        gaps.add(gapMs);
        dualTotal += dual;
        fed.start(active);
      }
      ObjectNode sum = JSON.createObjectNode();
      sum.put("bench", "failover_plc").put("runs", runs);
      sum.put("heartbeat_ms", topology.defaults().heartbeat().toMillis());
      sum.put("life_sign_interval_ms", plc.lifeSignInterval().toMillis());
      sum.set("detect_ms", stats(detect));
      sum.set("takeover_ms", stats(takeover));
      sum.set("plc_resumed_ms", stats(resumed));
      sum.set("plc_gap_ms", stats(gaps));
      sum.put("dual_writer_writes", dualTotal);
      print(sum);
    }
  }

  private String awaitHealthy(StationProbe probe, TopologyNode pair) throws InterruptedException {
    String[] active = new String[1];
    Waits.until(
        () -> {
          active[0] = null;
          for (StationId s : pair.stations()) {
            JsonNode st = status(probe, s.toString());
            if (st == null
                || !st.path("ha").path("ready").asBoolean()
                || !st.path("ha").path("peer").path("alive").asBoolean()
                || (!st.path("ha").path("state").asText().equals("active")
                    && !"moving".equals(st.path("ha").path("lifeSign").path("verdict").asText()))) {
              return false;
            }
            if (st.path("ha").path("state").asText().equals("active")) {
              active[0] = s.toString();
            }
          }
          return active[0] != null;
        },
        Duration.ofSeconds(90));
    return active[0];
  }

  private static JsonNode status(StationProbe probe, String station) {
    return probe
        .ask(StationId.parse(station).orElseThrow(), "{\"op\":\"status\"}", POLL)
        .orElse(null);
  }

  private static ObjectNode stats(List<Long> values) {
    List<Long> v = new ArrayList<>(values);
    v.sort(Long::compare);
    ObjectNode n = JSON.createObjectNode();
    n.put("median", v.get(v.size() / 2));
    n.put("p95", v.get(Math.min(v.size() - 1, (int) Math.ceil(v.size() * 0.95) - 1)));
    return n;
  }

  private void print(ObjectNode n) {
    out.println(n.toString());
    out.flush();
  }
}
