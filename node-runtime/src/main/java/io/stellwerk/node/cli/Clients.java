package io.stellwerk.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.stellwerk.node.management.ManagementClient;
import io.stellwerk.node.topology.EndpointPlan;
import io.stellwerk.node.topology.HostMapping;
import io.stellwerk.node.topology.StationId;
import io.stellwerk.node.topology.Topology;
import java.time.Duration;

/** Sends one management request to a station named on the command line. */
final class Clients {

  private Clients() {}

  /** Sends a request once (commands). */
  static JsonNode ask(Topology t, StationId station, boolean local, String json, Duration timeout) {
    EndpointPlan plan = new EndpointPlan(t, local ? HostMapping.local(t) : HostMapping.identity());
    try (ManagementClient c = new ManagementClient()) {
      return c.request(plan.management(station).uri(), station.toString(), json, timeout);
    }
  }

  /** Sends a read-only request, once more if the first goes unanswered for half the timeout. */
  static JsonNode query(
      Topology t, StationId station, boolean local, String json, Duration timeout) {
    EndpointPlan plan = new EndpointPlan(t, local ? HostMapping.local(t) : HostMapping.identity());
    try (ManagementClient c = new ManagementClient()) {
      return c.query(plan.management(station).uri(), station.toString(), json, timeout);
    }
  }
}
