package io.stellwerk.editor.command;

import io.stellwerk.editor.model.EditorState;
import io.stellwerk.editor.model.NodeField;
import io.stellwerk.editor.model.TreeEdits;
import io.stellwerk.node.topology.Address;
import io.stellwerk.node.topology.NodeIds;
import io.stellwerk.node.topology.Topology;
import io.stellwerk.node.topology.TopologyNode;
import java.util.Optional;

/**
 * Builds the editor's commands. Each checks up front that it makes sense on the current model and
 * refuses with a sentence otherwise, so a command on the stack always applies cleanly.
 */
public final class Edits {

  /** The host new nodes get until the engineer types the real one. */
  public static final String NEW_HOST = "127.0.0.1";

  private Edits() {}

  /** Adds a new single node as the last child of {@code parentId}. */
  public static EditCommand addChild(Topology t, String parentId) {
    TopologyNode parent = t.require(parentId);
    TopologyNode child = newNode(t, parentId);
    return new SnapshotCommand(
        "Add " + child.id() + " under " + parentId,
        s -> TreeEdits.insert(s, parentId, parent.children().size(), child));
  }

  /** Adds a new single node right after {@code id}, under the same parent. */
  public static EditCommand addSibling(Topology t, String id) {
    TopologyNode parent =
        t.parent(id).orElseThrow(() -> new IllegalArgumentException("the root has no siblings"));
    TopologyNode sibling = newNode(t, parent.id());
    int index = TreeEdits.indexInParent(t, id) + 1;
    return new SnapshotCommand(
        "Add " + sibling.id() + " after " + id,
        s -> TreeEdits.insert(s, parent.id(), index, sibling));
  }

  private static TopologyNode newNode(Topology t, String parentId) {
    String id = TreeEdits.freshChildId(t, parentId, "node");
    return TopologyNode.single(id, new Address(NEW_HOST, Ports.free(t, NEW_HOST)));
  }

  /** Turns a single node into an HA pair: the node becomes the primary, a backup is added. */
  public static EditCommand convertToPair(Topology t, String id) {
    TopologyNode n = t.require(id);
    if (n.isPair()) {
      throw new IllegalArgumentException(id + " is already an HA pair");
    }
    Address backup = new Address(n.single().host(), Ports.free(t, n.single().host()));
    return new SnapshotCommand(
        "Convert " + id + " to an HA pair",
        s ->
            TreeEdits.update(
                s,
                id,
                x ->
                    new TopologyNode(
                        x.id(), null, x.single(), backup, x.plc(), x.options(), x.children())));
  }

  /** Turns an HA pair into a single node at the primary's address. */
  public static EditCommand convertToSingle(Topology t, String id) {
    TopologyNode n = t.require(id);
    if (!n.isPair()) {
      throw new IllegalArgumentException(id + " is already a single node");
    }
    return new SnapshotCommand(
        "Convert " + id + " to a single node",
        s ->
            TreeEdits.update(
                s,
                id,
                x ->
                    new TopologyNode(
                        x.id(), x.primary(), null, null, x.plc(), x.options(), x.children())));
  }

  /** Renames a node's last segment; the ids of its subtree follow. */
  public static EditCommand rename(Topology t, String id, String newName) {
    String name = newName.strip();
    String parent = NodeIds.parentOf(id);
    String newId = parent == null ? name : parent + "." + name;
    if (name.contains(".") || !NodeIds.isValid(newId)) {
      throw new IllegalArgumentException(
          "'"
              + name
              + "' is not a valid name: it starts with a letter and holds letters, digits, '_'"
              + " and '-'");
    }
    if (newId.equals(id)) {
      throw new IllegalArgumentException(id + " already has that name");
    }
    if (t.node(newId).isPresent()) {
      throw new IllegalArgumentException("there is already a node " + newId);
    }
    return new SnapshotCommand("Rename " + id + " to " + newId, s -> TreeEdits.reId(s, id, newId));
  }

  /** Deletes a node with its whole subtree, as one step. */
  public static EditCommand delete(Topology t, String id) {
    int count = t.subtree(id).size();
    if (t.parent(id).isEmpty()) {
      throw new IllegalArgumentException("the root cannot be deleted");
    }
    String what = count == 1 ? id : id + " and " + (count - 1) + " nodes below it";
    return new SnapshotCommand("Delete " + what, s -> TreeEdits.remove(s, id));
  }

  /**
   * Deletes several nodes with their subtrees as one step; nodes inside another selected node's
   * subtree are covered by it.
   */
  public static EditCommand deleteAll(Topology t, java.util.Collection<String> ids) {
    java.util.List<String> tops = topmost(t, ids);
    if (tops.size() == 1) {
      return delete(t, tops.get(0));
    }
    if (tops.isEmpty()) {
      throw new IllegalArgumentException("select the nodes to delete first");
    }
    int count = countWithSubtrees(t, tops);
    return new SnapshotCommand(
        "Delete " + tops.size() + " nodes (" + count + " with their subtrees)",
        s -> {
          EditorState r = s;
          for (String id : tops) {
            r = TreeEdits.remove(r, id);
          }
          return r;
        });
  }

  /** How many nodes deleting these ids removes, subtrees included. */
  public static int countWithSubtrees(Topology t, java.util.Collection<String> ids) {
    return topmost(t, ids).stream().mapToInt(id -> t.subtree(id).size()).sum();
  }

  private static java.util.List<String> topmost(Topology t, java.util.Collection<String> ids) {
    java.util.List<String> present = ids.stream().filter(id -> t.node(id).isPresent()).toList();
    for (String id : present) {
      if (t.parent(id).isEmpty()) {
        throw new IllegalArgumentException("the root cannot be deleted");
      }
    }
    return present.stream()
        .filter(id -> present.stream().noneMatch(o -> !o.equals(id) && NodeIds.isWithin(id, o)))
        .distinct()
        .toList();
  }

  /** Why {@code id} cannot go under {@code newParentId}, or empty when the move is allowed. */
  public static Optional<String> whyNotMove(Topology t, String id, String newParentId) {
    if (t.parent(id).isEmpty()) {
      return Optional.of("the root cannot be moved");
    }
    if (NodeIds.isWithin(newParentId, id)) {
      return Optional.of("a node cannot go under itself or its own subtree");
    }
    if (t.parent(id).get().id().equals(newParentId)) {
      return Optional.of(id + " is already under " + newParentId);
    }
    String newId = newParentId + "." + NodeIds.lastSegment(id);
    if (t.node(newId).isPresent()) {
      return Optional.of("there is already a node " + newId);
    }
    return Optional.empty();
  }

  /** Moves a node (with its subtree) to the end of {@code newParentId}'s children. */
  public static EditCommand move(Topology t, String id, String newParentId) {
    whyNotMove(t, id, newParentId)
        .ifPresent(
            why -> {
              throw new IllegalArgumentException(why);
            });
    String newId = newParentId + "." + NodeIds.lastSegment(id);
    return new SnapshotCommand(
        "Move " + id + " under " + newParentId,
        s -> {
          TopologyNode moved = TreeEdits.rePrefix(s.topology().require(id), id, newId);
          EditorState renamed = TreeEdits.reId(s, id, newId);
          EditorState without = TreeEdits.remove(renamed, newId);
          EditorState placed =
              TreeEdits.insert(
                  without, newParentId, s.topology().require(newParentId).children().size(), moved);
          return new EditorState(placed.topology(), renamed.origins());
        });
  }

  /** Sets one field of a node from text. */
  public static EditCommand set(Topology t, String id, NodeField field, String text) {
    TopologyNode n = t.require(id);
    if (!field.appliesTo(n)) {
      throw new IllegalArgumentException(id + " has no " + field.label());
    }
    field.write(n, text);
    String shown = text.strip().isEmpty() ? "nothing" : text.strip();
    return new SnapshotCommand(
        "Set " + field.label() + " of " + id + " to " + shown,
        s -> TreeEdits.update(s, id, x -> field.write(x, text)));
  }
}
