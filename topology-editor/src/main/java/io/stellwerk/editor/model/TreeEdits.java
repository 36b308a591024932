package io.stellwerk.editor.model;

import io.stellwerk.node.topology.NodeIds;
import io.stellwerk.node.topology.Topology;
import io.stellwerk.node.topology.TopologyNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Pure operations on the immutable node tree, each returning a new state. Commands combine them;
 * keeping them free of any undo bookkeeping makes each one easy to test on its own.
 */
public final class TreeEdits {

  private TreeEdits() {}

  /** Replaces the node with that id by what {@code change} makes of it. */
  public static EditorState update(EditorState s, String id, UnaryOperator<TopologyNode> change) {
    TopologyNode root = replace(s.topology().root(), id, change);
    return new EditorState(s.topology().withRoot(root), s.origins());
  }

  private static TopologyNode replace(
      TopologyNode node, String id, UnaryOperator<TopologyNode> change) {
    if (node.id().equals(id)) {
      return change.apply(node);
    }
    if (!NodeIds.isWithin(id, node.id()) && !node.children().isEmpty() && isValidPath(node)) {
      return node;
    }
    List<TopologyNode> kids = new ArrayList<>(node.children().size());
    boolean changed = false;
    for (TopologyNode c : node.children()) {
      TopologyNode r = replace(c, id, change);
      changed |= r != c;
      kids.add(r);
    }
    return changed ? node.withChildren(kids) : node;
  }

  /** Only well-formed ids let a subtree be skipped by prefix; broken ids are searched fully. */
  private static boolean isValidPath(TopologyNode node) {
    return NodeIds.isValid(node.id());
  }

  /** Inserts a child under {@code parentId} at {@code index} (clamped to the end). */
  public static EditorState insert(EditorState s, String parentId, int index, TopologyNode child) {
    return update(
        s,
        parentId,
        p -> {
          List<TopologyNode> kids = new ArrayList<>(p.children());
          kids.add(Math.max(0, Math.min(index, kids.size())), child);
          return p.withChildren(kids);
        });
  }

  /** Removes a node and its subtree; their origins are forgotten. */
  public static EditorState remove(EditorState s, String id) {
    Topology t = s.topology();
    String parent =
        t.parent(id)
            .orElseThrow(
                () -> new IllegalArgumentException("the root " + id + " cannot be deleted"))
            .id();
    Map<String, String> origins = new HashMap<>(s.origins());
    t.subtree(id).forEach(origins::remove);
    EditorState without =
        update(
            s,
            parent,
            p -> p.withChildren(p.children().stream().filter(c -> !c.id().equals(id)).toList()));
    return new EditorState(without.topology(), origins);
  }

  /**
   * Gives a node a new id; its subtree's ids follow (a child of {@code a.b} renamed to {@code a.c}
   * becomes {@code a.c.x}), and so do their origins.
   */
  public static EditorState reId(EditorState s, String id, String newId) {
    TopologyNode node = s.topology().require(id);
    Map<String, String> origins = new HashMap<>(s.origins());
    for (String old : s.topology().subtree(id)) {
      String origin = origins.remove(old);
      if (origin != null) {
        origins.put(newId + old.substring(id.length()), origin);
      }
    }
    TopologyNode renamed = rePrefix(node, id, newId);
    EditorState r = update(s, id, n -> renamed);
    return new EditorState(r.topology(), origins);
  }

  /** The node with every id in its subtree moved from prefix {@code from} to {@code to}. */
  public static TopologyNode rePrefix(TopologyNode node, String from, String to) {
    String id = node.id().equals(from) ? to : to + node.id().substring(from.length());
    List<TopologyNode> kids = node.children().stream().map(c -> rePrefix(c, from, to)).toList();
    return new TopologyNode(
        id, node.single(), node.primary(), node.backup(), node.plc(), node.options(), kids);
  }

  /** An id for a new child of {@code parentId} that no node uses yet: {@code parent.nodeN}. */
  public static String freshChildId(Topology t, String parentId, String stem) {
    for (int i = 1; ; i++) {
      String candidate = parentId + "." + stem + i;
      if (t.node(candidate).isEmpty()) {
        return candidate;
      }
    }
  }

  /** The index of a node among its parent's children, or -1 for the root. */
  public static int indexInParent(Topology t, String id) {
    return t.parent(id)
        .map(p -> p.children().stream().map(TopologyNode::id).toList().indexOf(id))
        .orElse(-1);
  }
}
