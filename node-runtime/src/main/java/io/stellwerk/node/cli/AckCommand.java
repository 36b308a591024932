package io.stellwerk.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stellwerk.node.topology.StationId;
import io.stellwerk.node.topology.Topology;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ack}: acknowledges a journal event; the command is routed to the event's node. */
@Command(
    name = "ack",
    mixinStandardHelpOptions = true,
    description =
        "Acknowledges an event (id OWNER#SEQ, as the journal prints it); routed to its node.")
final class AckCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin RemoteOptions remote;

  @Option(
      names = "--via",
      required = true,
      paramLabel = "NODE_ID",
      description = "The station to ask.")
  String via;

  @Option(
      names = "--by",
      paramLabel = "NAME",
      description = "Who acknowledges (default: the user name).")
  String by = System.getProperty("user.name", "operator");

  @Option(
      names = "--deadline",
      paramLabel = "MS",
      defaultValue = "3000",
      description = "Command deadline in ms (default: ${DEFAULT-VALUE}).")
  long deadlineMs;

  @Parameters(
      index = "0",
      paramLabel = "EVENT_ID",
      description = "The event, e.g. root[primary]#12.")
  String event;

  @Override
  public Integer call() {
    Topology t = TopologyFiles.loadOrExit(spec, remote.topology);
    int hash = event.lastIndexOf('#');
    String owner = hash <= 0 ? "" : event.substring(0, hash);
    String seq = hash < 0 ? "" : event.substring(hash + 1);
    if (owner.isEmpty() || !seq.matches("[0-9]{1,19}") || StationId.parse(owner).isEmpty()) {
      throw new IllegalArgumentException(
          "'" + event + "' is not an event id of the form OWNER#SEQ, such as root[primary]#12");
    }
    if (t.node(StationId.parse(owner).get().nodeId()).isEmpty()) {
      throw new IllegalArgumentException(
          "event " + event + " belongs to " + owner + ", which is not in the topology");
    }
    ObjectNode req =
        JsonNodeFactory.instance
            .objectNode()
            .put("op", "command")
            .put("action", "ack")
            .put("key", owner + "/journal/" + seq)
            .put("type", "string")
            .put("value", by)
            .put("timeoutMs", deadlineMs);
    java.time.Duration wait =
        java.time.Duration.ofMillis(Math.max(remote.timeoutMs, deadlineMs + 1000));
    JsonNode r = Clients.ask(remote, t, Stations.resolve(t, via), req.toString(), wait);
    String outcome = r.path("outcome").asText();
    String reason = r.path("reason").asText("");
    if (outcome.equals("done")) {
      spec.commandLine().getOut().println(outcome);
      return 0;
    }
    // Refused (no such event, already acknowledged or cleared): one line, nothing was written.
    spec.commandLine().getErr().println(outcome + (reason.isEmpty() ? "" : ": " + reason));
    return 1;
  }
}
