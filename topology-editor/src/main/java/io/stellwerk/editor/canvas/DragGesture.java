package io.stellwerk.editor.canvas;

import io.stellwerk.editor.command.Edits;
import io.stellwerk.editor.document.TopologyDocument;
import io.stellwerk.node.topology.NodeIds;
import java.util.Optional;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Point2D;
import javafx.scene.control.Label;
import javafx.scene.input.MouseEvent;

/**
 * Click to select and drag to re-parent. While dragging, a label follows the pointer saying what a
 * drop would do, and the node under it is outlined green (allowed) or red (forbidden: a node can't
 * go under itself or its own subtree). A drag event costs one hit test and, only when the node
 * under the pointer changes, one repaint; the model changes once, on release, as one command.
 */
final class DragGesture {

  private static final double THRESHOLD = 5;

  private final GraphCanvas canvas;
  private final TopologyDocument document;
  private final Label ghost = new Label();
  private final ReadOnlyStringWrapper feedback = new ReadOnlyStringWrapper("");
  private String source;
  private Point2D pressedAt;
  private boolean active;
  private String target;
  private Optional<String> refusal = Optional.empty();

  DragGesture(GraphCanvas canvas, TopologyDocument document) {
    this.canvas = canvas;
    this.document = document;
    ghost.getStyleClass().add("drag-ghost");
    ghost.setMouseTransparent(true);
    ghost.setVisible(false);
    ghost.setManaged(false);
    ghost.textProperty().bind(feedback);
  }

  Label ghost() {
    return ghost;
  }

  String target() {
    return active ? target : null;
  }

  boolean allowed() {
    return refusal.isEmpty();
  }

  ReadOnlyStringProperty feedbackProperty() {
    return feedback.getReadOnlyProperty();
  }

  void pressed(String id, MouseEvent e) {
    source = id;
    pressedAt = new Point2D(e.getX(), e.getY());
    active = false;
  }

  void dragged(MouseEvent e) {
    if (source == null || (!active && pressedAt.distance(e.getX(), e.getY()) < THRESHOLD)) {
      return;
    }
    active = true;
    ghost.setVisible(true);
    ghost.autosize();
    ghost.relocate(e.getX() + 12, e.getY() + 12);
    String over = canvas.nodeAt(new Point2D(e.getX(), e.getY()));
    if (over != null && over.equals(target)) {
      return;
    }
    target = over;
    if (over == null) {
      refusal = Optional.of("drop onto the node that becomes the new parent");
      feedback.set("Move " + source + ": " + refusal.get());
    } else {
      refusal = Edits.whyNotMove(document.topology(), source, over);
      feedback.set(
          refusal
              .map(why -> "Cannot move here: " + why)
              .orElse("Move " + source + " under " + over));
    }
    ghost.autosize();
    canvas.repaint();
  }

  void released(MouseEvent e) {
    if (source == null) {
      return;
    }
    String moved = source;
    String newParent = target;
    boolean drop = active && newParent != null && refusal.isEmpty();
    boolean click = !active;
    source = null;
    target = null;
    active = false;
    refusal = Optional.empty();
    ghost.setVisible(false);
    feedback.set("");
    if (click) {
      if (e.isShortcutDown() || e.isShiftDown()) {
        document.selection().toggle(moved);
      } else {
        document.selection().select(moved);
      }
    } else if (drop
        && document.edit(() -> Edits.move(document.topology(), moved, newParent)).isEmpty()) {
      document.selection().select(newParent + "." + NodeIds.lastSegment(moved));
    } else {
      canvas.repaint();
    }
  }
}
