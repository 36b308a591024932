package io.stellwerk.editor.document;

import io.stellwerk.node.topology.Endpoint;
import io.stellwerk.node.topology.EndpointPlan;
import io.stellwerk.node.topology.HostMapping;
import io.stellwerk.node.topology.StationId;
import io.stellwerk.node.topology.Topology;
import io.stellwerk.node.topology.TopologyNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The derived endpoints of a node as text lines, computed by the runtime's own {@link EndpointPlan}
 * so the editor shows exactly what {@code stellwerk-node explain} prints.
 */
public final class EndpointLines {

  private EndpointLines() {}

  /** For each station of the node: a heading, then one line per bound or connected endpoint. */
  public static List<String> of(Topology t, String nodeId) {
    TopologyNode node = t.require(nodeId);
    EndpointPlan plan = new EndpointPlan(t, HostMapping.identity());
    List<String> out = new ArrayList<>();
    for (StationId s : node.stations()) {
      out.add(s + " (" + node.address(s) + ")");
      plan.binds(s).forEach(e -> out.add("  " + line(e)));
      plan.connects(s).forEach(e -> out.add("  " + line(e)));
    }
    return out;
  }

  /** One endpoint: {@code bind tcp://h:p PUB south live updates and heartbeats}. */
  public static String line(Endpoint e) {
    String verb = e.direction() == Endpoint.Direction.BIND ? "bind    " : "connect ";
    String of = e.remote() == null ? "" : " of " + e.remote();
    return verb + e.uri() + "  " + e.role().socketType() + " " + e.role().purpose() + of;
  }
}
