package io.stellwerk.editor.canvas;

import io.stellwerk.editor.document.MoveGesture;
import io.stellwerk.editor.document.TopologyDocument;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Point2D;
import javafx.scene.control.Label;
import javafx.scene.input.MouseEvent;

/**
 * Click to select and drag to re-parent, the pointer side of a {@link MoveGesture}. While dragging,
 * a label follows the pointer saying what a drop would do, and the node under it is outlined green
 * (allowed) or red (forbidden). A drag event costs one hit test and, only when the node under the
 * pointer changes, a move of that outline (the graph itself is not repainted); the model changes
 * once, on release, as one command.
 */
final class DragGesture {

  private static final double THRESHOLD = 5;

  private final GraphCanvas canvas;
  private final TopologyDocument document;
  private final Label ghost = new Label();
  private final ReadOnlyStringWrapper feedback = new ReadOnlyStringWrapper("");
  private String pressed;
  private Point2D pressedAt;
  private MoveGesture move;

  DragGesture(GraphCanvas canvas, TopologyDocument document) {
    this.canvas = canvas;
    this.document = document;
    ghost.getStyleClass().add("drag-ghost");
    ghost.setMouseTransparent(true);
    ghost.setManaged(false);
    ghost.textProperty().bind(feedback);
  }

  String target() {
    return move == null ? null : move.target();
  }

  boolean allowed() {
    return move == null || move.allowed();
  }

  ReadOnlyStringProperty feedbackProperty() {
    return feedback.getReadOnlyProperty();
  }

  void pressed(String id, MouseEvent e) {
    pressed = id;
    pressedAt = new Point2D(e.getX(), e.getY());
    move = null;
  }

  void dragged(MouseEvent e) {
    if (pressed == null
        || (move == null && pressedAt.distance(e.getX(), e.getY()) < THRESHOLD)
        || document.topology() == null) {
      return;
    }
    boolean started = move == null;
    if (started) {
      move = new MoveGesture(document, pressed);
    }
    ghost.relocate(e.getX() + 12, e.getY() + 12);
    if (started) {
      canvas.showOverlay(ghost);
    }
    if (move.over(canvas.nodeAt(new Point2D(e.getX(), e.getY()))) || started) {
      feedback.set(move.feedback());
      ghost.autosize();
      canvas.markDropTarget();
    }
  }

  void released(MouseEvent e) {
    if (pressed == null) {
      return;
    }
    String clicked = pressed;
    MoveGesture done = move;
    pressed = null;
    move = null;
    canvas.hideOverlay(ghost);
    feedback.set("");
    if (done == null) {
      if (e.isShortcutDown() || e.isShiftDown()) {
        document.selection().toggle(clicked);
      } else {
        document.selection().select(clicked);
      }
    } else {
      if (done.target() != null) {
        done.drop();
      }
      canvas.markDropTarget();
    }
  }
}
