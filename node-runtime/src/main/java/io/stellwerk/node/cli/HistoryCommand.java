package io.stellwerk.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stellwerk.node.topology.Topology;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code history}: the time series of one key from a station's history store. */
@Command(
    name = "history",
    mixinStandardHelpOptions = true,
    description =
        "Reads the time series of one key from a station's history (its own or a replica); gaps"
            + " are shown as gaps.")
final class HistoryCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin RemoteOptions remote;

  @Option(
      names = "--via",
      required = true,
      paramLabel = "NODE_ID",
      description = "The station to ask.")
  String via;

  @Mixin RangeOptions range;

  @Parameters(index = "0", paramLabel = "KEY", description = "The key, e.g. root.s1/air/co_ppm.")
  String key;

  @Override
  public Integer call() {
    Topology t = TopologyFiles.loadOrExit(spec, remote.topology);
    ObjectNode req = JsonNodeFactory.instance.objectNode().put("op", "history").put("key", key);
    range.into(req);
    JsonNode r =
        Clients.query(remote, t, Stations.resolve(t, via), req.toString(), remote.timeout());
    print(spec.commandLine().getOut(), r, range.json);
    return 0;
  }

  /** Prints records one per line (or the JSON answer). */
  static void print(PrintWriter out, JsonNode r, boolean json) {
    if (json) {
      out.println(r.toString());
      return;
    }
    for (JsonNode n : r.path("records")) {
      String when = Instant.ofEpochMilli(n.path("ts").asLong()).toString();
      String who = n.path("owner").asText() + "#" + n.path("seq").asLong();
      String what =
          switch (n.path("kind").asText()) {
            case "sample" ->
                n.path("key").asText()
                    + " = "
                    + n.path("value").asText()
                    + " ("
                    + n.path("quality").asText()
                    + ")";
            case "raise" ->
                "RAISE "
                    + n.path("event").asText()
                    + " "
                    + n.path("about").asText()
                    + ": "
                    + n.path("text").asText();
            case "ack" -> "ACK   " + n.path("event").asText() + " by " + n.path("by").asText();
            case "clear" -> "CLEAR " + n.path("event").asText() + ": " + n.path("text").asText();
            case "gap" ->
                "GAP   "
                    + n.path("missing").asLong()
                    + " record(s) missing ("
                    + n.path("text").asText()
                    + ")";
            default -> n.toString();
          };
      out.println(when + "  " + who + "  " + what);
    }
    if (r.path("truncated").asBoolean(false)) {
      out.println("(truncated: narrow --from/--to or raise --limit)");
    }
  }
}
