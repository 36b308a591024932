package io.stellwerk.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.stellwerk.node.dim.Version;
import io.stellwerk.node.launcher.LocalFederation;
import io.stellwerk.node.launcher.StationProbe;
import io.stellwerk.node.topology.StationId;
import io.stellwerk.node.topology.Topology;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code demo}: the whole federation on this machine, one process per station with {@code --local},
 * and a live status table until Ctrl-C; then every process is stopped.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description =
        "Starts every station of FILE as its own process (--local) and shows a live status table until Ctrl-C.")
final class DemoCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "The topology file.")
  Path file;

  @Option(
      names = "--work",
      paramLabel = "DIR",
      description = "Where data and logs go (default: a new temporary directory).")
  Path work;

  @Option(
      names = "--refresh",
      paramLabel = "MS",
      defaultValue = "1000",
      description = "Table refresh interval (default: ${DEFAULT-VALUE}).")
  long refreshMs;

  @Option(
      names = "--rounds",
      paramLabel = "N",
      defaultValue = "0",
      description = "Stop after N refreshes (0: until Ctrl-C).")
  int rounds;

  @Option(
      names = "--keys",
      paramLabel = "DIR",
      description =
          "Key directory: generated there on first run, reused after (default: DIR/keys of the"
              + " work directory).")
  Path keys;

  @Option(names = "--insecure", description = "Run every station in plain text, without keys.")
  boolean insecure;

  @Override
  public Integer call() throws Exception {
    Topology t = TopologyFiles.loadOrExit(spec, file);
    Path dir = work != null ? work : Files.createTempDirectory("stellwerk-demo-");
    PrintWriter out = spec.commandLine().getOut();
    out.printf(
        "starting %d stations of %s; logs and data in %s%n",
        t.stations().size(), t.federation(), dir);
    Path keyDir = keys != null ? keys : dir.resolve("keys");
    if (!insecure) {
      out.printf(
          "secured: keys in %s (ask a station: stellwerk-node status --topology %s --local"
              + " --keys %s --via ID)%n",
          keyDir, file, keyDir);
    }
    try (LocalFederation fed =
            insecure
                ? LocalFederation.insecure(file, t, dir, List.of())
                : LocalFederation.secured(file, t, dir, keyDir, List.of());
        StationProbe probe = new StationProbe(t, true, fed.workstation())) {
      fed.startAll();
      for (int round = 1; rounds == 0 || round <= rounds; round++) {
        Thread.sleep(refreshMs); // the refresh interval of a status display, not a synchronisation
        printTable(out, t, fed, probe);
      }
    }
    return 0;
  }

  static void printTable(PrintWriter out, Topology t, LocalFederation fed, StationProbe probe) {
    Map<StationId, JsonNode> docs = new LinkedHashMap<>();
    for (StationId s : t.stations()) {
      probe.status(s, Duration.ofMillis(500)).ifPresent(j -> docs.put(s, j));
    }
    Map<String, Version> newest = new HashMap<>();
    docs.values()
        .forEach(
            j ->
                j.path("versions")
                    .fields()
                    .forEachRemaining(
                        e ->
                            newest.merge(
                                e.getKey(), Version.parse(e.getValue().asText()), Version::max)));
    out.printf(
        "%n%-20s %-7s %-15s %-10s %-6s %-9s %-13s %s%n",
        "STATION", "PROCESS", "ROLE", "LINKS", "KEYS", "BEHIND", "SYNC", "UPDATES IN / RESYNCS");
    for (StationId s : t.stations()) {
      String proc = fed.isRunning(s.toString()) ? "up" : "down";
      JsonNode j = docs.get(s);
      if (j == null) {
        out.printf("%-20s %-7s %-15s%n", s, proc, "(no answer)");
        continue;
      }
      int live = 0;
      int total = 0;
      for (JsonNode l : j.path("links")) {
        total++;
        live += l.path("state").asText().equals("live") ? 1 : 0;
      }
      long behind = 0;
      for (Map.Entry<String, Version> e : newest.entrySet()) {
        Version mine = Version.parse(j.path("versions").path(e.getKey()).asText("0:0"));
        behind +=
            mine.epoch() == e.getValue().epoch()
                ? e.getValue().seq() - mine.seq()
                : e.getValue().seq();
      }
      out.printf(
          "%-20s %-7s %-15s %-10s %-6d %-9d %-13s %d / %d%n",
          s,
          proc,
          j.path("role").asText() + "/" + j.path("state").asText(),
          live + "/" + total + " live",
          j.path("dim").path("keys").asInt(),
          behind,
          live == total ? "in sync" : "syncing",
          j.path("counters").path("updatesIn").asLong(),
          j.path("counters").path("resyncs").asLong());
    }
    out.println(
        "BEHIND: versions this station lacks of the newest any station reported (updates in flight show as small numbers).");
    printHistoryLag(out, t, docs);
    out.flush();
  }

  /** One line per parent-child link: the parent's history sync state and lag behind the child. */
  static void printHistoryLag(PrintWriter out, Topology t, Map<StationId, JsonNode> docs) {
    out.printf(
        "%n%-20s %-20s %-6s %-10s %-12s %s%n",
        "HISTORY AT", "FROM CHILD", "STATE", "BEHIND", "BYTES BEHIND", "LAST SYNC");
    for (StationId s : t.stations()) {
      JsonNode j = docs.get(s);
      if (j == null) {
        continue;
      }
      for (JsonNode l : j.path("history").path("children")) {
        long ago = l.path("lastSyncAgoMs").asLong(-1);
        out.printf(
            "%-20s %-20s %-6s %-10d %-12d %s%n",
            s,
            l.path("child").asText(),
            l.path("state").asText(),
            l.path("recordsBehind").asLong(),
            l.path("bytesBehind").asLong(),
            ago < 0 ? "never" : ago + " ms ago");
      }
      String problem = j.path("history").path("problem").asText("");
      if (!problem.isEmpty()) {
        out.printf("%-20s history alarm: %s%n", s, problem);
      }
    }
  }
}
