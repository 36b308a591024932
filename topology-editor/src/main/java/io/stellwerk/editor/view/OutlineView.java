package io.stellwerk.editor.view;

import io.stellwerk.editor.document.TopologyDocument;
import io.stellwerk.node.topology.TopologyNode;
import java.util.HashMap;
import java.util.Map;
import javafx.collections.ListChangeListener;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;

/**
 * The node tree as an outline (the shell's explorer), kept in step with the document: it is rebuilt
 * after each edit and mirrors the primary selection both ways.
 */
public final class OutlineView extends TreeView<String> {

  private final TopologyDocument document;
  private final Map<String, TreeItem<String>> items = new HashMap<>();
  private boolean syncing;

  /** An outline of the document. */
  public OutlineView(TopologyDocument document) {
    this.document = document;
    setId("outline");
    getSelectionModel().setSelectionMode(SelectionMode.SINGLE);
    document.stateProperty().addListener((o, a, b) -> rebuild());
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
    rebuild();
  }

  private void rebuild() {
    items.clear();
    setRoot(document.topology() == null ? null : item(document.topology().root()));
    follow();
  }

  private TreeItem<String> item(TopologyNode n) {
    TreeItem<String> item = new TreeItem<>(n.id());
    item.setExpanded(true);
    items.put(n.id(), item);
    n.children().forEach(c -> item.getChildren().add(item(c)));
    return item;
  }

  private void follow() {
    syncing = true;
    try {
      TreeItem<String> item = items.get(document.selection().primary());
      if (item == null) {
        getSelectionModel().clearSelection();
      } else {
        getSelectionModel().select(item);
      }
    } finally {
      syncing = false;
    }
  }
}
