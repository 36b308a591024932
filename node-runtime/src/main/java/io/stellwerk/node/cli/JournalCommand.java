package io.stellwerk.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stellwerk.node.topology.Topology;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code journal}: alarms and events (raise, ack, clear) from a station's history. */
@Command(
    name = "journal",
    mixinStandardHelpOptions = true,
    description = "Reads the event journal (raise, ack, clear, gaps) from a station's history.")
final class JournalCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin RemoteOptions remote;

  @Option(
      names = "--via",
      required = true,
      paramLabel = "NODE_ID",
      description = "The station to ask.")
  String via;

  @Option(
      names = "--owner",
      paramLabel = "ID",
      description = "Only this node (both peers of a pair) or station (default: all).")
  String owner;

  @Mixin RangeOptions range;

  @Override
  public Integer call() {
    Topology t = TopologyFiles.loadOrExit(spec, remote.topology);
    ObjectNode req =
        JsonNodeFactory.instance
            .objectNode()
            .put("op", "journal")
            .put("owner", owner == null ? "" : owner);
    range.into(req);
    JsonNode r =
        Clients.query(remote, t, Stations.resolve(t, via), req.toString(), remote.timeout());
    HistoryCommand.print(spec.commandLine().getOut(), r, range.json);
    return 0;
  }
}
