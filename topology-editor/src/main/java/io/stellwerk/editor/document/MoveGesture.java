package io.stellwerk.editor.document;

import io.stellwerk.editor.command.Edits;
import io.stellwerk.node.topology.NodeIds;
import io.stellwerk.node.topology.TopologyNode;
import java.util.List;
import java.util.Optional;

/**
 * A drag that re-parents a node, as state without controls: the node under the pointer, whether
 * dropping there is allowed (not under itself or its own subtree, not onto its current parent, not
 * where a node of that name exists) and the sentence to show. Nothing changes the model while the
 * pointer moves; {@link #drop} executes one command, so a whole drag is one undo step however many
 * nodes it crossed.
 */
public final class MoveGesture {

  // Enough to find a legal move in any real tree; a tree without one is too small to matter.
  private static final int TRIES = 64;
  private static final String NO_TARGET = "drop onto the node that becomes the new parent";

  private final TopologyDocument document;
  private final String source;
  private String target;
  private Optional<String> refusal = Optional.of(NO_TARGET);

  /** Starts dragging {@code source}; it must be a node of the document's current state. */
  public MoveGesture(TopologyDocument document, String source) {
    this.document = document;
    this.source = document.topology().require(source).id();
  }

  /**
   * A gesture that drags some node over a node it may be dropped on, for rehearsing a drop; empty
   * when the tree allows no move. Tries the last nodes (leaves, as users drag most) over the first
   * ones, a bounded number of pairs.
   */
  public static Optional<MoveGesture> anyLegal(TopologyDocument document) {
    List<TopologyNode> nodes = document.topology().nodes();
    int tries = 0;
    for (int s = nodes.size() - 1; s > 0 && tries < TRIES; s--) {
      for (int p = 0; p < nodes.size() && tries < TRIES; p++, tries++) {
        MoveGesture g = new MoveGesture(document, nodes.get(s).id());
        g.over(nodes.get(p).id());
        if (g.allowed()) {
          return Optional.of(g);
        }
      }
    }
    return Optional.empty();
  }

  /** The node being dragged. */
  public String source() {
    return source;
  }

  /** The node under the pointer, or {@code null}. */
  public String target() {
    return target;
  }

  /** Whether dropping now would move the node. */
  public boolean allowed() {
    return refusal.isEmpty();
  }

  /**
   * The pointer is over {@code id} ({@code null}: over no node). Returns whether that changed the
   * target, so a view repaints only then.
   */
  public boolean over(String id) {
    if (java.util.Objects.equals(id, target)) {
      return false;
    }
    target = id;
    refusal =
        id == null ? Optional.of(NO_TARGET) : Edits.whyNotMove(document.topology(), source, id);
    return true;
  }

  /** What dropping now would do, or why it would not. */
  public String feedback() {
    if (target == null) {
      return "Move " + source + ": " + NO_TARGET;
    }
    return refusal
        .map(why -> "Cannot move here: " + why)
        .orElse("Move " + source + " under " + target);
  }

  /**
   * Drops: moves the node under the target as one command and selects it at its new place. Returns
   * why nothing moved, or empty when it did.
   */
  public Optional<String> drop() {
    if (refusal.isPresent()) {
      return refusal;
    }
    String parent = target;
    Optional<String> refused = document.edit(() -> Edits.move(document.topology(), source, parent));
    if (refused.isEmpty()) {
      document.selection().select(parent + "." + NodeIds.lastSegment(source));
    }
    return refused;
  }
}
