package io.stellwerk.editor.bench;

import io.stellwerk.editor.view.TopologyEditor;
import java.util.ArrayList;
import java.util.List;
import javafx.event.Event;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;

/**
 * Drags the last leaf across the whole canvas, event by event, and times how long the FX thread
 * spends on each mouse event, then on the drop that commits the move. Events are fired at the glyph
 * the way a real press-drag-release gesture delivers them (all to the pressed node).
 */
final class DragProbe {

  record Result(List<Double> moves, double dropMillis) {}

  private final TopologyEditor editor;

  DragProbe(TopologyEditor editor) {
    this.editor = editor;
  }

  Result run() {
    var t = editor.document().topology();
    String source = t.nodes().get(t.nodes().size() - 1).id();
    String target = t.root().children().get(0).id();
    Node glyph = editor.canvas();
    Point2D from = glyph.localToScene(editor.canvas().localCentre(source));
    Point2D to = glyph.localToScene(editor.canvas().localCentre(target));
    fire(glyph, MouseEvent.MOUSE_PRESSED, from);
    List<Double> moves = new ArrayList<>();
    int steps = 300;
    for (int i = 1; i <= steps; i++) {
      double k = (double) i / steps;
      Point2D p = from.add(to.subtract(from).multiply(k));
      long t0 = System.nanoTime();
      fire(glyph, MouseEvent.MOUSE_DRAGGED, p);
      moves.add((System.nanoTime() - t0) / 1e6);
    }
    if (!editor.canvas().dragFeedbackProperty().get().startsWith("Move " + source + " under")) {
      throw new IllegalStateException(
          "the drag did not reach its target: "
              + editor.canvas().dragFeedbackProperty().get()
              + " at "
              + to
              + " where the canvas has "
              + editor.canvas().nodeAt(editor.canvas().sceneToLocal(to))
              + " at zoom "
              + editor.canvas().zoomFactor()
              + ", target centre on screen "
              + editor.canvas().screenCentre(target)
              + ", canvas scene bounds "
              + editor.canvas().localToScene(editor.canvas().getBoundsInLocal()));
    }
    long t0 = System.nanoTime();
    fire(glyph, MouseEvent.MOUSE_RELEASED, to);
    double drop = (System.nanoTime() - t0) / 1e6;
    if (editor.document().undoTextProperty().get().isEmpty()) {
      throw new IllegalStateException("the drop did not move the node");
    }
    return new Result(moves, drop);
  }

  private static void fire(Node target, javafx.event.EventType<MouseEvent> type, Point2D scene) {
    // Screen and scene must agree: JavaFX derives the target's local point from both.
    Point2D screen = target.localToScreen(target.sceneToLocal(scene));
    MouseEvent e =
        new MouseEvent(
            type,
            scene.getX(),
            scene.getY(),
            screen.getX(),
            screen.getY(),
            MouseButton.PRIMARY,
            1,
            false,
            false,
            false,
            false,
            true,
            false,
            false,
            false,
            false,
            false,
            null);
    Event.fireEvent(target, e);
  }
}
