package io.stellwerk.node.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import io.stellwerk.node.management.ManagementClient;
import io.stellwerk.node.security.Workstation;
import io.stellwerk.node.topology.EndpointPlan;
import io.stellwerk.node.topology.HostMapping;
import io.stellwerk.node.topology.StationId;
import io.stellwerk.node.topology.Topology;
import java.time.Duration;
import java.util.Optional;

/** Asks stations of a local federation for their status, tolerating ones that are down. */
public final class StationProbe implements AutoCloseable {

  private final EndpointPlan plan;
  private final ManagementClient client;

  /** A probe for stations that run {@code --insecure}. */
  public StationProbe(Topology topology, boolean local) {
    this(topology, local, null);
  }

  /** A probe that talks CURVE with the workstation's key ({@code null}: plain text). */
  public StationProbe(Topology topology, boolean local, Workstation workstation) {
    this.plan =
        new EndpointPlan(topology, local ? HostMapping.local(topology) : HostMapping.identity());
    this.client = new ManagementClient(workstation);
  }

  /** The station's status document, or empty when it does not answer in time. */
  public Optional<JsonNode> status(StationId station, Duration timeout) {
    try {
      return Optional.of(
          client.query(
              plan.management(station).uri(), station.toString(), "{\"op\":\"status\"}", timeout));
    } catch (ManagementClient.ManagementException e) {
      return Optional.empty();
    }
  }

  /** Any request; empty when the station does not answer or answers with an error. */
  public Optional<JsonNode> ask(StationId station, String json, Duration timeout) {
    try {
      return Optional.of(
          client.request(plan.management(station).uri(), station.toString(), json, timeout));
    } catch (ManagementClient.ManagementException e) {
      return Optional.empty();
    }
  }

  /** Whether every station answers and every one of its links is live. */
  public boolean allLinksLive(Topology topology, Duration timeout) {
    return topology.stations().stream()
        .allMatch(
            s ->
                status(s, timeout)
                    .map(
                        j ->
                            j.path("links").findValuesAsText("state").stream()
                                .allMatch("live"::equals))
                    .orElse(false));
  }

  @Override
  public void close() {
    client.close();
  }
}
