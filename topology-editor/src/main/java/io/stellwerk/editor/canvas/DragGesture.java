package io.stellwerk.editor.canvas;

import io.stellwerk.editor.command.Edits;
import io.stellwerk.editor.document.TopologyDocument;
import io.stellwerk.node.topology.NodeIds;
import java.util.Optional;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Point2D;
import javafx.scene.control.Label;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;

/**
 * Click to select and drag to re-parent, on the glyphs of one canvas. While dragging, a label
 * follows the pointer saying what a drop would do, and the glyph under it shows whether the drop is
 * allowed (a node can't go under itself or its own subtree). Each drag event does a constant amount
 * of work plus one hit test over the glyphs, so it stays far inside a frame. The model changes
 * once, on release, as one command.
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
    ghost.textProperty().bind(feedback);
  }

  Label ghost() {
    return ghost;
  }

  boolean active() {
    return active;
  }

  ReadOnlyStringProperty feedbackProperty() {
    return feedback.getReadOnlyProperty();
  }

  void attach(NodeGlyph g) {
    g.addEventHandler(MouseEvent.MOUSE_PRESSED, e -> pressed(g, e));
    g.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::dragged);
    g.addEventHandler(MouseEvent.MOUSE_RELEASED, e -> released(g, e));
  }

  private void pressed(NodeGlyph g, MouseEvent e) {
    if (e.getButton() == MouseButton.PRIMARY) {
      source = g.nodeId();
      pressedAt = new Point2D(e.getSceneX(), e.getSceneY());
      active = false;
      canvas.requestFocus();
    }
    e.consume();
  }

  private void dragged(MouseEvent e) {
    e.consume();
    if (source == null) {
      return;
    }
    if (!active && pressedAt.distance(e.getSceneX(), e.getSceneY()) < THRESHOLD) {
      return;
    }
    active = true;
    Point2D local = canvas.sceneToLocal(e.getSceneX(), e.getSceneY());
    ghost.setVisible(true);
    ghost.relocate(local.getX() + 12, local.getY() + 12);
    String over = canvas.nodeAt(local);
    if (over != null && over.equals(target)) {
      return;
    }
    mark(target, false, false);
    target = over;
    if (over == null) {
      refusal = Optional.of("drop onto the node that becomes the new parent");
      feedback.set("Move " + source + ": " + refusal.get());
      return;
    }
    refusal = Edits.whyNotMove(document.topology(), source, over);
    feedback.set(
        refusal.map(why -> "Cannot move here: " + why).orElse("Move " + source + " under " + over));
    mark(over, refusal.isEmpty(), refusal.isPresent());
  }

  private void released(NodeGlyph g, MouseEvent e) {
    e.consume();
    if (source == null) {
      return;
    }
    if (!active) {
      if (e.isShortcutDown() || e.isShiftDown()) {
        document.selection().toggle(source);
      } else {
        document.selection().select(source);
      }
    } else if (target != null && refusal.isEmpty()) {
      String moved = source;
      String newParent = target;
      if (document.edit(() -> Edits.move(document.topology(), moved, newParent)).isEmpty()) {
        document.selection().select(newParent + "." + NodeIds.lastSegment(moved));
      }
    }
    mark(target, false, false);
    ghost.setVisible(false);
    feedback.set("");
    source = null;
    target = null;
    active = false;
  }

  private void mark(String id, boolean ok, boolean forbidden) {
    NodeGlyph g = id == null ? null : canvas.glyph(id);
    if (g != null) {
      g.pseudoClassStateChanged(NodeGlyph.DROP_OK, ok);
      g.pseudoClassStateChanged(NodeGlyph.DROP_NO, forbidden);
    }
  }
}
