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
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code keys}: the keys under a prefix in a station's replica. */
@Command(
    name = "keys",
    mixinStandardHelpOptions = true,
    description = "Lists keys by prefix from a station's process image.")
final class KeysCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin RemoteOptions remote;

  @Option(
      names = "--via",
      required = true,
      paramLabel = "NODE_ID",
      description = "The station to ask.")
  String via;

  @Option(
      names = "--limit",
      defaultValue = "1000",
      description = "At most this many keys (default: ${DEFAULT-VALUE}).")
  int limit;

  @Parameters(
      index = "0",
      arity = "0..1",
      defaultValue = "",
      paramLabel = "PREFIX",
      description = "Key prefix, e.g. root.s1/ (default: all).")
  String prefix;

  @Override
  public Integer call() {
    Topology t = TopologyFiles.loadOrExit(spec, remote.topology);
    ObjectNode req =
        JsonNodeFactory.instance
            .objectNode()
            .put("op", "keys")
            .put("prefix", prefix)
            .put("limit", limit);
    JsonNode r =
        Clients.query(t, Stations.resolve(t, via), remote.local, req.toString(), remote.timeout());
    for (JsonNode e : r.path("entries")) {
      spec.commandLine().getOut().println(Formats.entry(e));
    }
    return 0;
  }
}
