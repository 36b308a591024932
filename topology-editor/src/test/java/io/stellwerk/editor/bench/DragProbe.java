package io.stellwerk.editor.bench;

import io.stellwerk.editor.bench.FxTimer.Time;
import io.stellwerk.editor.view.TopologyEditor;
import java.util.ArrayList;
import java.util.List;
import javafx.event.Event;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;

/**
 * Drags the last leaf onto the root's first child, event by event, drops it, and undoes the move;
 * the press, each mouse event, the drop and the undo are timed with the pulse that follows them
 * ({@link FxTimer}). Events are fired at the canvas the way a real press-drag-release gesture
 * delivers them (all to the pressed node). As a hand on a mouse does, the pointer first moves over
 * the canvas to the node ({@value #APPROACH} mouse moves, timed apart from the drag): without them
 * the first press was the first mouse event the JVM ever dispatched, which a user's never is.
 */
public final class DragProbe {

  /** The pointer's moves onto the node before each press, and how far it travels (px). */
  private static final int APPROACH = 8;

  private static final double APPROACH_FROM = 48;

  /**
   * The pointer's moves before each press, each with its pulse. The press is also given as its
   * handler alone and its pulse alone, each mouse event as the pulse after it alone, and each drop
   * split into its release handler and the pulse after it.
   */
  public record Result(
      List<Time> approaches,
      List<Time> presses,
      List<Time> pressHandlers,
      List<Time> pressPulses,
      List<Time> moves,
      List<Time> movePulses,
      List<Time> drops,
      List<Time> undos,
      List<Time> dropTasks,
      List<Time> dropPulses,
      List<Time> dropNextPulses,
      List<Time> undoNextPulses) {}

  private final TopologyEditor editor;

  public DragProbe(TopologyEditor editor) {
    this.editor = editor;
  }

  public Result run(int gestures, int steps) throws Exception {
    List<Time> approaches = new ArrayList<>();
    List<Time> presses = new ArrayList<>();
    List<Time> pressHandlers = new ArrayList<>();
    List<Time> pressPulses = new ArrayList<>();
    List<Time> moves = new ArrayList<>();
    List<Time> movePulses = new ArrayList<>();
    List<Time> drops = new ArrayList<>();
    List<Time> undos = new ArrayList<>();
    List<Time> dropTasks = new ArrayList<>();
    List<Time> dropPulses = new ArrayList<>();
    List<Time> dropNextPulses = new ArrayList<>();
    List<Time> undoNextPulses = new ArrayList<>();
    var scene = editor.canvas().getScene();
    for (int g = 0; g < gestures; g++) {
      var t = editor.document().topology();
      String source = t.nodes().get(t.nodes().size() - 1).id();
      String target = t.root().children().get(0).id();
      Node canvas = editor.canvas();
      Point2D[] ends =
          FxTimer.onFx(
              () ->
                  new Point2D[] {
                    canvas.localToScene(editor.canvas().localCentre(source)),
                    canvas.localToScene(editor.canvas().localCentre(target))
                  });
      Point2D from = ends[0];
      Point2D to = ends[1];
      for (int i = APPROACH - 1; i >= 0; i--) {
        Point2D p = from.subtract(APPROACH_FROM * i / APPROACH, APPROACH_FROM * i / APPROACH);
        approaches.add(FxTimer.frame(scene, () -> fire(canvas, MouseEvent.MOUSE_MOVED, p)).time());
      }
      var pressed = FxTimer.frame(scene, () -> fire(canvas, MouseEvent.MOUSE_PRESSED, from));
      presses.add(pressed.time());
      pressHandlers.add(pressed.task());
      pressPulses.add(pressed.pulse());
      for (int i = 1; i <= steps; i++) {
        Point2D p = from.add(to.subtract(from).multiply((double) i / steps));
        var moved = FxTimer.frame(scene, () -> fire(canvas, MouseEvent.MOUSE_DRAGGED, p));
        moves.add(moved.time());
        movePulses.add(moved.pulse());
      }
      String feedback = FxTimer.onFx(() -> editor.canvas().dragFeedbackProperty().get());
      if (!feedback.equals("Move " + source + " under " + target)) {
        throw new IllegalStateException("the drag did not reach " + target + ": " + feedback);
      }
      var drop = FxTimer.frameAndNext(scene, () -> fire(canvas, MouseEvent.MOUSE_RELEASED, to));
      drops.add(drop.time());
      dropTasks.add(drop.task());
      dropPulses.add(drop.pulse());
      dropNextPulses.add(drop.next());
      String undo = FxTimer.onFx(() -> editor.document().undoTextProperty().get());
      if (!undo.equals("Undo Move " + source + " under " + target)) {
        throw new IllegalStateException("the drop did not move the node: " + undo);
      }
      outlineFollowed();
      var undone =
          FxTimer.frameAndNext(
              scene,
              () -> {
                editor.document().undo();
                return null;
              });
      undos.add(undone.time());
      undoNextPulses.add(undone.next());
      outlineFollowed();
    }
    return new Result(
        approaches,
        presses,
        pressHandlers,
        pressPulses,
        moves,
        movePulses,
        drops,
        undos,
        dropTasks,
        dropPulses,
        dropNextPulses,
        undoNextPulses);
  }

  /** The outline applies an edit in the pulse after the edit's own: the one timed as next. */
  private void outlineFollowed() throws Exception {
    if (!FxTimer.onFx(() -> editor.outline().current())) {
      throw new IllegalStateException("the outline had not followed the edit by the next pulse");
    }
  }

  private static Void fire(Node target, javafx.event.EventType<MouseEvent> type, Point2D scene) {
    // Screen and scene must agree: JavaFX derives the target's local point from both.
    Point2D screen = target.localToScreen(target.sceneToLocal(scene));
    boolean moving = type == MouseEvent.MOUSE_MOVED;
    MouseEvent e =
        new MouseEvent(
            type,
            scene.getX(),
            scene.getY(),
            screen.getX(),
            screen.getY(),
            moving ? MouseButton.NONE : MouseButton.PRIMARY,
            moving ? 0 : 1,
            false,
            false,
            false,
            false,
            !moving,
            false,
            false,
            false,
            false,
            false,
            null);
    Event.fireEvent(target, e);
    return null;
  }
}
