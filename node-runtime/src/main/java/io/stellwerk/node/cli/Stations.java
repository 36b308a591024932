package io.stellwerk.node.cli;

import io.stellwerk.node.topology.StationId;
import io.stellwerk.node.topology.Topology;
import io.stellwerk.node.topology.TopologyNode;
import java.util.stream.Collectors;

/** Resolves a station named on the command line against a topology, with helpful errors. */
final class Stations {

  private Stations() {}

  static StationId resolve(Topology t, String text) {
    StationId id =
        StationId.parse(text)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "'"
                            + text
                            + "' is not a node id (root.s1) or a pair peer (root[primary])"));
    TopologyNode node =
        t.node(id.nodeId())
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "no node '"
                            + id.nodeId()
                            + "' in federation "
                            + t.federation()
                            + " (nodes: "
                            + t.nodes().stream()
                                .limit(12)
                                .map(TopologyNode::id)
                                .collect(Collectors.joining(", "))
                            + (t.nodes().size() > 12 ? ", ..." : "")
                            + ")"));
    if (node.isPair() && !id.isPeer()) {
      throw new IllegalArgumentException(
          node.id()
              + " is an HA pair: name one peer, "
              + node.id()
              + "[primary] or "
              + node.id()
              + "[backup]");
    }
    if (!node.isPair() && id.isPeer()) {
      throw new IllegalArgumentException(
          node.id() + " is a single node, not a pair: name it " + node.id());
    }
    return id;
  }
}
