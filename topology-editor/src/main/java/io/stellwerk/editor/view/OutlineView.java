package io.stellwerk.editor.view;

import io.stellwerk.editor.document.TopologyDocument;
import io.stellwerk.editor.model.EditorState;
import io.stellwerk.node.topology.TopologyNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.scene.Scene;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;

/**
 * The node tree as an outline (the shell's explorer), kept in step with the document and mirroring
 * the primary selection both ways. An edit updates only the items of the nodes it changed: states
 * share every unchanged subtree, so a subtree whose node is the very same object is skipped, and
 * the tree view keeps its cells (rebuilding 500 items and their cells cost a drop 40–70 ms).
 *
 * <p>Shown in a window, the outline follows an edit one frame late: it applies the change at the
 * start of the pulse after the one that shows the edit on the canvas. A move renumbers every row
 * below the spot it leaves or enters, and rebinding those rows' cells (their CSS and layout) in the
 * same frame as the canvas and the properties pushed a drop past 16 ms on a 500-node topology.
 * Edits that come faster than frames are applied together. {@link #itemOf} and a change of scene
 * bring the outline up to date at once.
 */
public final class OutlineView extends TreeView<String> {

  private final TopologyDocument document;
  private final Map<String, TreeItem<String>> items = new HashMap<>();
  // The node each item shows, to find what an edit left untouched.
  private final Map<TreeItem<String>, TopologyNode> shown = new HashMap<>();
  private boolean syncing;
  // A document state not shown yet, and the scene whose pulses will show it.
  private EditorState pending;
  private Scene armedOn;
  private final Runnable afterThisPulse = this::armNextPulse;
  private final Runnable atNextPulse = this::applyInPulse;

  /** An outline of the document. */
  public OutlineView(TopologyDocument document) {
    this.document = document;
    setId("outline");
    getSelectionModel().setSelectionMode(SelectionMode.SINGLE);
    document.stateProperty().addListener((o, before, after) -> changed(after));
    sceneProperty().addListener((o, before, after) -> catchUp());
    document.selection().ids().addListener((ListChangeListener<String>) c -> follow());
    getSelectionModel()
        .selectedItemProperty()
        .addListener(
            (o, a, item) -> {
              if (!syncing
                  && item != null
                  && !item.getValue().equals(document.selection().primary())) {
                document.selection().select(item.getValue());
              }
            });
    update(document.stateProperty().get());
  }

  /** The item showing a node, or {@code null} (for tests and the shell's lookups). */
  public TreeItem<String> itemOf(String id) {
    catchUp();
    return items.get(id);
  }

  /** Whether the outline shows the document's current state (false for a frame after an edit). */
  public boolean current() {
    return pending == null;
  }

  private void changed(EditorState state) {
    pending = state;
    Scene scene = getScene();
    if (scene == null) {
      catchUp();
    } else if (armedOn == null) {
      armedOn = scene;
      scene.addPostLayoutPulseListener(afterThisPulse);
      Platform.requestNextPulse();
    }
  }

  /** The pulse showing the edit is done: catch up at the start of the next one. */
  private void armNextPulse() {
    armedOn.removePostLayoutPulseListener(afterThisPulse);
    armedOn.addPreLayoutPulseListener(atNextPulse);
    Platform.requestNextPulse();
  }

  /**
   * Shows the pending state at the start of a pulse, and lays the outline out at once, before the
   * pulse's CSS pass: the rows it rebinds change their styles there, and that pass applies them.
   * Laid out in the pulse's layout pass, after the CSS pass, the rows left their styles pending and
   * JavaFX ran one more pulse that repaints the whole window; applying them from the scene's root
   * after the layout ({@link PendingStyles}) restyled the whole scene instead, some 3 ms of the 7–9
   * this pulse took in the workbench.
   */
  private void applyInPulse() {
    catchUp();
    layout();
  }

  /** Shows a state that is still pending, now. */
  private void catchUp() {
    if (armedOn != null) {
      armedOn.removePostLayoutPulseListener(afterThisPulse);
      armedOn.removePreLayoutPulseListener(atNextPulse);
      armedOn = null;
    }
    if (pending != null) {
      EditorState state = pending;
      pending = null;
      update(state);
    }
  }

  private void update(EditorState state) {
    syncing = true;
    try {
      TopologyNode root = state == null ? null : state.topology().root();
      TreeItem<String> rootItem = getRoot();
      if (root == null) {
        items.clear();
        shown.clear();
        setRoot(null);
      } else if (rootItem == null || !rootItem.getValue().equals(root.id())) {
        items.clear();
        shown.clear();
        setRoot(build(root));
      } else {
        // JavaFX's focus model answers each change of the tree with a late move of the focused row
        // (a Platform.runLater), by a shift taken from the row focused at the time of the change.
        // The selection, and with it the focus, is set right after (follow), so those moves came
        // after the pulse: they put the keyboard on another row than the selected one, or moved it
        // away and back, which left the row's styles pending and cost one more pulse that repaints
        // the whole window. With no row focused, the focus model makes no such move.
        getFocusModel().focus(-1);
        reconcile(rootItem, root);
      }
    } finally {
      syncing = false;
    }
    follow();
  }

  /** Makes {@code item} show {@code node}, reusing the items of children that keep their ids. */
  private void reconcile(TreeItem<String> item, TopologyNode node) {
    if (shown.get(item) == node) {
      return;
    }
    shown.put(item, node);
    Map<String, TreeItem<String>> old = new HashMap<>();
    item.getChildren().forEach(c -> old.put(c.getValue(), c));
    List<TreeItem<String>> next = new ArrayList<>(node.children().size());
    for (TopologyNode child : node.children()) {
      TreeItem<String> existing = old.remove(child.id());
      if (existing != null) {
        reconcile(existing, child);
        next.add(existing);
      } else {
        next.add(build(child));
      }
    }
    old.values().forEach(this::forget);
    if (!next.equals(item.getChildren())) {
      item.getChildren().setAll(next);
    }
  }

  private TreeItem<String> build(TopologyNode n) {
    TreeItem<String> item = new TreeItem<>(n.id());
    item.setExpanded(true);
    items.put(n.id(), item);
    shown.put(item, n);
    List<TreeItem<String>> kids = new ArrayList<>(n.children().size());
    n.children().forEach(c -> kids.add(build(c)));
    item.getChildren().setAll(kids);
    return item;
  }

  private void forget(TreeItem<String> item) {
    // An id may already belong to a new item (a node moved back to where another stood).
    items.remove(item.getValue(), item);
    shown.remove(item);
    item.getChildren().forEach(this::forget);
  }

  private void follow() {
    syncing = true;
    try {
      TreeItem<String> item = items.get(document.selection().primary());
      if (item == null) {
        getSelectionModel().clearSelection();
      } else {
        if (getSelectionModel().getSelectedItem() != item) {
          getSelectionModel().select(item);
        }
        int row = getSelectionModel().getSelectedIndex();
        if (getFocusModel().getFocusedIndex() != row) {
          getFocusModel().focus(row);
        }
      }
    } finally {
      syncing = false;
    }
  }
}
