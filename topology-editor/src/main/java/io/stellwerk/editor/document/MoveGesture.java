package io.stellwerk.editor.document;

import io.stellwerk.editor.command.Edits;
import io.stellwerk.node.topology.NodeIds;
import java.util.Optional;

/**
 * A drag that re-parents a node, as state without controls: the node under the pointer, whether
 * dropping there is allowed (not under itself or its own subtree, not onto its current parent, not
 * where a node of that name exists) and the sentence to show. Nothing changes the model while the
 * pointer moves; {@link #drop} executes one command, so a whole drag is one undo step however many
 * nodes it crossed.
 */
public final class MoveGesture {

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
