package io.stellwerk.node.topology;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A loaded federation: its name, timing defaults and the node tree. Immutable; lookups by id are
 * indexed once. A topology obtained from {@link TopologyLoader} has passed validation.
 */
public final class Topology {

  private final String federation;
  private final Defaults defaults;
  private final TopologyNode root;
  private final Map<String, TopologyNode> byId = new LinkedHashMap<>();
  private final Map<String, TopologyNode> parentById = new LinkedHashMap<>();
  private final Map<String, Integer> depthById = new LinkedHashMap<>();

  /** Builds the index; ids are assumed unique (the validator guarantees it for loaded files). */
  public Topology(String federation, Defaults defaults, TopologyNode root) {
    this.federation = federation;
    this.defaults = defaults;
    this.root = root;
    index(root, null, 1);
  }

  private void index(TopologyNode node, TopologyNode parent, int depth) {
    byId.putIfAbsent(node.id(), node);
    depthById.putIfAbsent(node.id(), depth);
    if (parent != null) {
      parentById.putIfAbsent(node.id(), parent);
    }
    for (TopologyNode child : node.children()) {
      index(child, node, depth + 1);
    }
  }

  /** The federation's name. */
  public String federation() {
    return federation;
  }

  /** Federation-wide timing defaults. */
  public Defaults defaults() {
    return defaults;
  }

  /** The root node. */
  public TopologyNode root() {
    return root;
  }

  /** All nodes, depth first in file order. */
  public List<TopologyNode> nodes() {
    return List.copyOf(byId.values());
  }

  /** The node with that id. */
  public Optional<TopologyNode> node(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  /** The node with that id, or an exception naming it. */
  public TopologyNode require(String id) {
    TopologyNode n = byId.get(id);
    if (n == null) {
      throw new IllegalArgumentException("no node '" + id + "' in federation " + federation);
    }
    return n;
  }

  /** The parent of a node; empty for the root. */
  public Optional<TopologyNode> parent(String id) {
    return Optional.ofNullable(parentById.get(id));
  }

  /** The depth of a node, the root being 1. */
  public int depth(String id) {
    return depthById.getOrDefault(id, 0);
  }

  /** The depth of the tree. */
  public int depth() {
    return depthById.values().stream().mapToInt(Integer::intValue).max().orElse(0);
  }

  /** Every station (single node or pair peer), depth first. */
  public List<StationId> stations() {
    List<StationId> out = new ArrayList<>();
    for (TopologyNode n : byId.values()) {
      out.addAll(n.stations());
    }
    return Collections.unmodifiableList(out);
  }

  /** The address of a station. */
  public Address address(StationId station) {
    return require(station.nodeId()).address(station);
  }

  /** The number of HA pairs. */
  public long pairCount() {
    return byId.values().stream().filter(TopologyNode::isPair).count();
  }

  /** The ids of a node's subtree (itself included), depth first. */
  public List<String> subtree(String id) {
    List<String> out = new ArrayList<>();
    collect(require(id), out);
    return out;
  }

  private static void collect(TopologyNode n, List<String> out) {
    out.add(n.id());
    n.children().forEach(c -> collect(c, out));
  }

  /** A copy with another root (used by editors). */
  public Topology withRoot(TopologyNode newRoot) {
    return new Topology(federation, defaults, newRoot);
  }
}
