package io.stellwerk.workbench;

import io.stellwerk.node.topology.Address;
import io.stellwerk.node.topology.Endpoint;
import io.stellwerk.node.topology.EndpointPlan;
import io.stellwerk.node.topology.HostMapping;
import io.stellwerk.node.topology.StationId;
import io.stellwerk.node.topology.Topology;
import io.stellwerk.node.topology.TopologyNode;
import java.util.ArrayList;
import java.util.List;

/**
 * What the properties panel shows for one node, computed from the model alone so it can be tested
 * without a window: its id, role, each station's host and base port, and every endpoint each
 * station binds or connects, derived exactly as {@code stellwerk-node explain} derives them.
 *
 * @param id the node id
 * @param role "single node" or "HA pair"
 * @param stations one entry per station (one for a single node, two for a pair)
 */
public record NodeDetails(String id, String role, List<Station> stations) {

  /**
   * One station of the node.
   *
   * @param station the station's name, e.g. {@code root[backup]}
   * @param host its host
   * @param basePort its base port
   * @param endpoints its derived endpoints, one line each
   */
  public record Station(String station, String host, int basePort, List<String> endpoints) {}

  /** The details of a node of a valid topology. */
  public static NodeDetails of(Topology topology, String nodeId) {
    TopologyNode node = topology.require(nodeId);
    EndpointPlan plan = new EndpointPlan(topology, HostMapping.identity());
    List<Station> stations = new ArrayList<>();
    for (StationId s : node.stations()) {
      Address a = node.address(s);
      List<String> lines = new ArrayList<>();
      plan.binds(s).forEach(e -> lines.add(describe(e)));
      plan.connects(s).forEach(e -> lines.add(describe(e)));
      stations.add(new Station(s.toString(), a.host(), a.basePort(), List.copyOf(lines)));
    }
    return new NodeDetails(
        nodeId, node.isPair() ? "HA pair" : "single node", List.copyOf(stations));
  }

  /** One endpoint as a person reads it: {@code bind tcp://h:p PUB south live updates}. */
  static String describe(Endpoint e) {
    String verb = e.direction() == Endpoint.Direction.BIND ? "bind    " : "connect ";
    String to = e.remote() == null ? "" : " of " + e.remote();
    return verb + e.uri() + "  " + e.role().socketType() + " " + e.role().purpose() + to;
  }
}
