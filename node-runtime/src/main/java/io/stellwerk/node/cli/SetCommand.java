package io.stellwerk.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stellwerk.node.topology.Topology;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code set}: routes a command to the key's owner and prints its one outcome. Exit status 0 only
 * when it is done.
 */
@Command(
    name = "set",
    mixinStandardHelpOptions = true,
    description = {
      "Sends a command to the node that owns KEY, through the station named by --via.",
      "Default: write VALUE to the PLC point behind KEY. --force overrides the value until",
      "--release. Prints done, rejected (with the reason) or timed-out; exit status 0 only for done."
    })
final class SetCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin RemoteOptions remote;

  @Option(
      names = "--via",
      required = true,
      paramLabel = "NODE_ID",
      description = "The station that sends the command.")
  String via;

  @ArgGroup(exclusive = true)
  Mode mode = new Mode();

  static final class Mode {
    @Option(
        names = "--force",
        description = "Force the value (PLC readings are ignored until released).")
    boolean force;

    @Option(names = "--release", description = "Release a forced value.")
    boolean release;
  }

  @Option(
      names = "--type",
      paramLabel = "TYPE",
      description =
          "Value type when the via station does not know the key: bool, long, double, string, bytes.")
  String type;

  @Option(
      names = "--deadline",
      paramLabel = "MS",
      defaultValue = "3000",
      description = "Command deadline in ms (default: ${DEFAULT-VALUE}).")
  long deadlineMs;

  @Parameters(
      index = "0",
      paramLabel = "KEY",
      description = "The key, e.g. root.s1/fan1/setpoint_pct.")
  String key;

  @Parameters(
      index = "1",
      arity = "0..1",
      paramLabel = "VALUE",
      description = "The value (not with --release).")
  String value;

  @Override
  public Integer call() {
    Topology t = TopologyFiles.loadOrExit(spec, remote.topology);
    if (!mode.release && value == null) {
      throw new IllegalArgumentException("a VALUE is needed (only --release goes without one)");
    }
    ObjectNode req =
        JsonNodeFactory.instance
            .objectNode()
            .put("op", "command")
            .put("action", mode.force ? "force" : mode.release ? "release" : "write")
            .put("key", key)
            .put("value", value == null ? "" : value)
            .put("timeoutMs", deadlineMs);
    if (type != null) {
      req.put("type", type);
    }
    java.time.Duration wait =
        java.time.Duration.ofMillis(Math.max(remote.timeoutMs, deadlineMs + 1000));
    JsonNode r = Clients.ask(remote, t, Stations.resolve(t, via), req.toString(), wait);
    String outcome = r.path("outcome").asText();
    String reason = r.path("reason").asText("");
    spec.commandLine().getOut().println(outcome + (reason.isEmpty() ? "" : ": " + reason));
    return outcome.equals("done") ? 0 : 1;
  }
}
