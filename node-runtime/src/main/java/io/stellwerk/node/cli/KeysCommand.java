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

/**
 * {@code keys}: on its own, the process-image keys under a prefix in a station's replica; with a
 * subcommand, the CURVE keys: generate keys and bundles, a station's own key, and the trust
 * decisions (list, show, accept, reject, revoke) on a local trust store or a running station.
 */
@Command(
    name = "keys",
    mixinStandardHelpOptions = true,
    description = {
      "keys --topology F --via NODE [PREFIX]: lists process-image keys by prefix.",
      "keys generate|init|list|show|accept|reject|revoke: CURVE keys, bundles and trust."
    },
    subcommands = {
      SecurityCommand.Generate.class,
      SecurityCommand.Init.class,
      TrustCommands.ListKeys.class,
      TrustCommands.Show.class,
      TrustCommands.Accept.class,
      TrustCommands.Reject.class,
      TrustCommands.Revoke.class
    })
final class KeysCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin RemoteOptions remote;

  @Option(names = "--via", paramLabel = "NODE_ID", description = "The station to ask (required).")
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
    if (via == null) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "Missing required option: '--via=NODE_ID'");
    }
    ObjectNode req =
        JsonNodeFactory.instance
            .objectNode()
            .put("op", "keys")
            .put("prefix", prefix)
            .put("limit", limit);
    JsonNode r =
        Clients.query(remote, t, Stations.resolve(t, via), req.toString(), remote.timeout());
    for (JsonNode e : r.path("entries")) {
      spec.commandLine().getOut().println(Formats.entry(e));
    }
    return 0;
  }
}
