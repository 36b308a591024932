package io.stellwerk.editor.view;

import javafx.scene.Node;
import javafx.scene.Scene;

/**
 * Applies, before a pulse ends, the styles that its layout left pending in a list or tree view.
 *
 * <p>A list or tree view binds its rows during the layout pass, after the pulse's CSS pass, and
 * restyles the rows it rebinds (and the hidden row it measures with) itself; the branch above them
 * stays marked for styling. JavaFX then runs one more pulse, which changes nothing visible, and a
 * repaint with no changed region paints the whole window: 42–62 ms of software rendering for the
 * editor on a 500-node topology, which the next pulse's FX thread waits for. Applying the styles
 * from the scene's root at the end of the layout, before the pulse's changes are copied to the
 * renderer, clears the mark. That brings every style of the scene up to date (about 2 ms there), so
 * a view asks for it only in a pulse in which it changed its rows.
 */
final class PendingStyles {

  private final Node view;
  private Scene armed;
  private final Runnable apply = this::apply;

  PendingStyles(Node view) {
    this.view = view;
  }

  /** Applies pending styles after the layout of the pulse now running, or else of the next one. */
  void settleAfterLayout() {
    Scene scene = view.getScene();
    if (scene == null || armed != null) {
      return;
    }
    armed = scene;
    scene.addPostLayoutPulseListener(apply);
  }

  private void apply() {
    Scene scene = armed;
    armed = null;
    scene.removePostLayoutPulseListener(apply);
    if (scene == view.getScene() && scene.getRoot() != null) {
      scene.getRoot().applyCss();
    }
  }
}
