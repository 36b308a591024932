package io.stellwerk.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.stellwerk.node.launcher.StationProbe;
import io.stellwerk.node.topology.StationId;
import io.stellwerk.node.topology.Topology;
import io.stellwerk.node.topology.TopologyNode;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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
        List<StationId> peers = pair.stations();
        StationId active = null;
        StationId answering = null;
        StationId heardActive = null;
        Set<StationId> answered = new HashSet<>();
        for (StationId s : peers) {
          Optional<JsonNode> st = probe.status(s, remote.timeout());
          if (st.isEmpty()) {
            continue;
          }
          answered.add(s);
          JsonNode ha = st.get().path("ha");
          if ("active".equals(ha.path("state").asText())) {
            active = s;
          } else {
            answering = answering == null ? s : answering;
            JsonNode peer = ha.path("peer");
            if (peer.path("alive").asBoolean(false)
                && "active".equals(peer.path("state").asText())) {
              heardActive = peers.get(1 - peers.indexOf(s));
            }
          }
        }
        if (active == null && answering == null) {
          throw new IllegalStateException(
              "neither peer of " + pairId + " answers: is the pair running?");
        }
        if (active == null && heardActive != null && !answered.contains(heardActive)) {
          // A takeover through the peer that answered would be refused: it hears its partner
          // active. The operator asked for a switchover, which only the active can make.
          throw new IllegalStateException(
              heardActive
                  + " is active (its peer hears it) but did not answer within "
                  + remote.timeoutMs
                  + " ms: try again, or give a longer --timeout");
        }
        StationId target = active != null ? active : answering;
        String op = active != null ? "switchover" : "takeover";
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
