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

/** {@code get}: one key as a station's replica holds it. */
@Command(
    name = "get",
    mixinStandardHelpOptions = true,
    description = "Reads one key from a station's process image.")
final class GetCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin RemoteOptions remote;

  @Option(
      names = "--via",
      required = true,
      paramLabel = "NODE_ID",
      description = "The station to ask.")
  String via;

  @Parameters(index = "0", paramLabel = "KEY", description = "The key, e.g. root.s1/air/co_ppm.")
  String key;

  @Override
  public Integer call() {
    Topology t = TopologyFiles.loadOrExit(spec, remote.topology);
    ObjectNode req = JsonNodeFactory.instance.objectNode().put("op", "get").put("key", key);
    JsonNode e =
        Clients.query(remote, t, Stations.resolve(t, via), req.toString(), remote.timeout());
    spec.commandLine().getOut().println(Formats.entry(e));
    return 0;
  }
}
