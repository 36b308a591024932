package io.stellwerk.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.stellwerk.node.launcher.StationProbe;
import io.stellwerk.node.topology.StationId;
import io.stellwerk.node.topology.Topology;
import io.stellwerk.node.topology.TopologyNode;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ha}: operator commands for hot-standby pairs. */
@Command(
    name = "ha",
    mixinStandardHelpOptions = true,
    description = "Operator commands for hot-standby pairs.",
    subcommands = {HaCommand.Switchover.class})
final class HaCommand {

  @Command(
      name = "switchover",
      mixinStandardHelpOptions = true,
      description = {
        "Hands the pair's active role to the other peer (failback is this command too).",
        "Refused, with the reason, when the other peer is not ready. When no peer is active",
        "(a peer started alone), makes the reachable peer active. Exit status 0 only when done."
      })
  static final class Switchover implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Mixin RemoteOptions remote;

    @Parameters(index = "0", paramLabel = "PAIR_ID", description = "The pair's node id, e.g. root.")
    String pairId;

    @Override
    public Integer call() {
      Topology t = TopologyFiles.loadOrExit(spec, remote.topology);
      TopologyNode pair = t.require(pairId);
      if (!pair.isPair()) {
        throw new IllegalArgumentException(pairId + " is a single node, not an HA pair");
      }
      try (StationProbe probe = new StationProbe(t, remote.local, remote.credentials())) {
        StationId target = null;
        String op = "takeover";
        for (StationId s : pair.stations()) {
          Optional<JsonNode> st = probe.status(s, remote.timeout());
          if (st.isPresent() && "active".equals(st.get().path("ha").path("state").asText())) {
            target = s;
            op = "switchover";
          } else if (st.isPresent() && target == null) {
            target = s;
          }
        }
        if (target == null) {
          throw new IllegalStateException(
              "neither peer of " + pairId + " answers: is the pair running?");
        }
        JsonNode r =
            probe
                .ask(target, "{\"op\":\"" + op + "\"}", Duration.ofMillis(remote.timeoutMs))
                .orElseThrow(() -> new IllegalStateException("no answer from the pair"));
        String outcome = r.path("outcome").asText();
        String reason = r.path("reason").asText("");
        spec.commandLine()
            .getOut()
            .println(
                outcome
                    + (reason.isEmpty() ? "" : ": " + reason)
                    + " ("
                    + op
                    + " via "
                    + target
                    + ")");
        return outcome.equals("done") ? 0 : 1;
      }
    }
  }
}
