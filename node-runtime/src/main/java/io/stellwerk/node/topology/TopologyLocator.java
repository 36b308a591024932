package io.stellwerk.node.topology;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Where the fields of each node stand in the source file, so semantic problems found on the model
 * point at the right line. Keyed by node instance, since a broken file may hold one id twice.
 * Fields are named as in {@link Problem#field()}: {@code id}, {@code host}, {@code port}, {@code
 * pair.primary.host}, {@code plc.kind}, {@code options.heartbeat}, ...
 */
public final class TopologyLocator {

  private final Map<TopologyNode, Map<String, SourcePosition>> byNode = new IdentityHashMap<>();
  private final Map<String, SourcePosition> global = new HashMap<>();

  /** A locator that knows no positions (for models built in memory). */
  public static TopologyLocator none() {
    return new TopologyLocator();
  }

  void put(TopologyNode node, String field, SourcePosition position) {
    byNode.computeIfAbsent(node, n -> new HashMap<>()).putIfAbsent(field, position);
  }

  void putGlobal(String field, SourcePosition position) {
    global.putIfAbsent(field, position);
  }

  /** The position of a node's field, falling back to the node's own start. */
  public SourcePosition at(TopologyNode node, String field) {
    Map<String, SourcePosition> fields = byNode.get(node);
    if (fields == null) {
      return SourcePosition.UNKNOWN;
    }
    String f = field;
    while (f != null) {
      SourcePosition p = fields.get(f);
      if (p != null) {
        return p;
      }
      int dot = f.lastIndexOf('.');
      f = dot < 0 ? null : f.substring(0, dot);
    }
    return fields.getOrDefault("", SourcePosition.UNKNOWN);
  }

  /** The position of a top-level field ({@code federation}, {@code defaults.heartbeat}, ...). */
  public SourcePosition atGlobal(String field) {
    return global.getOrDefault(field, SourcePosition.UNKNOWN);
  }
}
