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
  static JsonNode ask(
      RemoteOptions remote, Topology t, StationId station, String json, Duration timeout) {
    try (ManagementClient c = remote.client()) {
      return c.request(endpoint(remote, t, station), station.toString(), json, timeout);
    }
  }

  /** Sends a read-only request, once more if the first goes unanswered for half the timeout. */
  static JsonNode query(
      RemoteOptions remote, Topology t, StationId station, String json, Duration timeout) {
    try (ManagementClient c = remote.client()) {
      return c.query(endpoint(remote, t, station), station.toString(), json, timeout);
    }
  }

  static String endpoint(RemoteOptions remote, Topology t, StationId station) {
    EndpointPlan plan =
        new EndpointPlan(t, remote.local ? HostMapping.local(t) : HostMapping.identity());
    return plan.management(station).uri();
  }
}
