package io.stellwerk.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.stellwerk.node.topology.StationId;
import io.stellwerk.node.topology.Topology;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code status}: a running station's state, links, process image and counters. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = "Shows a running station's status.")
final class StatusCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin RemoteOptions remote;

  @Parameters(
      index = "0",
      paramLabel = "NODE_ID",
      description = "The station: root.s1 or root[primary].")
  String stationText;

  @Option(names = "--json", description = "Print the status document as JSON.")
  boolean json;

  @Override
  public Integer call() {
    Topology t = TopologyFiles.loadOrExit(spec, remote.topology);
    StationId station = Stations.resolve(t, stationText);
    JsonNode s = Clients.query(remote, t, station, "{\"op\":\"status\"}", remote.timeout());
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(s.toPrettyString());
      return 0;
    }
    out.printf(
        "%s  %s/%s  epoch %s  up %ds%n",
        s.path("station").asText(),
        s.path("role").asText(),
        s.path("state").asText(),
        s.path("epoch").asText(),
        s.path("uptimeMs").asLong() / 1000);
    out.printf(
        "  dim: %d keys, digest %s, %d owners%n",
        s.path("dim").path("keys").asInt(),
        s.path("dim").path("digest").asText(),
        s.path("versions").size());
    for (JsonNode l : s.path("links")) {
      out.printf(
          "  %-6s %-22s %-8s heard %d ms ago%n",
          l.path("direction").asText(),
          l.path("neighbour").asText(),
          l.path("state").asText(),
          l.path("lastHeardMs").asLong());
    }
    JsonNode h = s.path("history");
    if (!h.isMissingNode()) {
      String problem = h.path("problem").asText("");
      out.printf(
          "  history: %d records, %d queued, %d refused%s%n",
          h.path("records").asLong(),
          h.path("queued").asLong(),
          h.path("refused").asLong(),
          problem.isEmpty() ? "" : ", ALARM: " + problem);
      for (JsonNode c : h.path("children")) {
        long ago = c.path("lastSyncAgoMs").asLong(-1);
        out.printf(
            "  history from %-22s %-6s %d records / %d bytes behind, last sync %s%n",
            c.path("child").asText(),
            c.path("state").asText(),
            c.path("recordsBehind").asLong(),
            c.path("bytesBehind").asLong(),
            ago < 0 ? "never" : ago + " ms ago");
      }
    }
    StringBuilder counters = new StringBuilder("  counters:");
    s.path("counters")
        .fields()
        .forEachRemaining(
            e -> counters.append(' ').append(e.getKey()).append('=').append(e.getValue().asText()));
    out.println(counters);
    return 0;
  }
}
