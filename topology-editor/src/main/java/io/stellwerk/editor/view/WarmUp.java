package io.stellwerk.editor.view;

import io.stellwerk.editor.document.MoveGesture;
import io.stellwerk.editor.document.TopologyDocument;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Platform;

/**
 * Once per JVM, when the first editable document gets an editor, rehearses what the user's first
 * drop of a drag and its undo run, so that drop does not pay on the FX thread for loading, linking
 * and first running that code (it cost 35–100 ms CPU once, where a later drop costs about 10). The
 * model's part runs on the document's background executor ({@link TopologyDocument#rehearse}). The
 * views' part runs on an outline and a properties panel of a small cut of the document that no
 * scene shows (so no CSS or layout is paid for), one short FX task per step: build them, drop a
 * node elsewhere with the selection following, undo. The real document and views are not touched.
 */
final class WarmUp {

  private static final AtomicBoolean STARTED = new AtomicBoolean();

  private final Deque<Runnable> steps = new ArrayDeque<>();

  private WarmUp(TopologyDocument cut) {
    steps.add(() -> new OutlineView(cut));
    steps.add(() -> new PropertiesView(cut));
    // What selecting a node makes the views do, then the drop (which selects the moved node).
    steps.add(() -> cut.selection().select(cut.topology().root().id()));
    steps.add(() -> MoveGesture.anyLegal(cut).ifPresent(MoveGesture::drop));
    steps.add(cut::undo);
  }

  /** Starts the warm-up with {@code editor}'s document, unless it ran in this JVM already. */
  static void once(TopologyEditor editor) {
    if (editor.document().editable() && STARTED.compareAndSet(false, true)) {
      editor.document().rehearse(cut -> new WarmUp(cut).next());
    }
  }

  /** Runs the next step in a task of its own, so input and frames go between the steps. */
  private void next() {
    Runnable step = steps.poll();
    if (step != null) {
      Platform.runLater(
          () -> {
            step.run();
            next();
          });
    }
  }
}
