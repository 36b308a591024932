package io.stellwerk.node.topology;

import java.util.List;
import java.util.Objects;

/**
 * One node of the federation tree: a single station or a hot-standby pair, with its PLC binding,
 * options and children.
 *
 * @param id the dot-path id
 * @param single the address of a single node, or {@code null} for a pair
 * @param primary the primary peer's address of a pair, or {@code null}
 * @param backup the backup peer's address of a pair, or {@code null}
 * @param plc the PLC binding, or {@code null} when the node has no PLC
 * @param options per-node options
 * @param children the child nodes, in file order
 */
public record TopologyNode(
    String id,
    Address single,
    Address primary,
    Address backup,
    PlcBinding plc,
    NodeOptions options,
    List<TopologyNode> children) {

  /** Freezes the children list. */
  public TopologyNode {
    Objects.requireNonNull(id, "id");
    options = options == null ? NodeOptions.none() : options;
    children = List.copyOf(children);
  }

  /** A single node without PLC, options or children. */
  public static TopologyNode single(String id, Address address) {
    return new TopologyNode(id, address, null, null, null, NodeOptions.none(), List.of());
  }

  /** A pair without PLC, options or children. */
  public static TopologyNode pair(String id, Address primary, Address backup) {
    return new TopologyNode(id, null, primary, backup, null, NodeOptions.none(), List.of());
  }

  /** Whether this node is a hot-standby pair. */
  public boolean isPair() {
    return single == null;
  }

  /** The stations that run this node: one for a single node, two for a pair. */
  public List<StationId> stations() {
    if (!isPair()) {
      return List.of(StationId.single(id));
    }
    return List.of(StationId.peer(id, PeerRole.PRIMARY), StationId.peer(id, PeerRole.BACKUP));
  }

  /** The address of one of this node's stations. */
  public Address address(StationId station) {
    if (!station.nodeId().equals(id)) {
      throw new IllegalArgumentException(station + " is not a station of " + id);
    }
    if (station.role() == null) {
      if (isPair()) {
        throw new IllegalArgumentException(
            id + " is a pair: name a peer, e.g. " + id + "[primary]");
      }
      return single;
    }
    if (!isPair()) {
      throw new IllegalArgumentException(
          id + " is a single node, it has no " + station.role().label());
    }
    return station.role() == PeerRole.PRIMARY ? primary : backup;
  }

  /** A copy with other children. */
  public TopologyNode withChildren(List<TopologyNode> newChildren) {
    return new TopologyNode(id, single, primary, backup, plc, options, newChildren);
  }

  /** A copy with a PLC binding. */
  public TopologyNode withPlc(PlcBinding newPlc) {
    return new TopologyNode(id, single, primary, backup, newPlc, options, children);
  }

  /** A copy with other options. */
  public TopologyNode withOptions(NodeOptions newOptions) {
    return new TopologyNode(id, single, primary, backup, plc, newOptions, children);
  }
}
