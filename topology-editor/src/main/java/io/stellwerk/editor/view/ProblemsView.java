package io.stellwerk.editor.view;

import io.stellwerk.editor.document.TopologyDocument;
import io.stellwerk.node.topology.Problem;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;

/**
 * Every problem of the document, as {@code FILE:LINE:COL: message}. Clicking one selects the node
 * it is about and focuses the field, through the document's selection.
 */
public final class ProblemsView extends ListView<Problem> {

  /** A problems list bound to the document's live problems. */
  public ProblemsView(TopologyDocument document) {
    super(document.problems());
    setId("problems");
    setPlaceholder(new Label("No problems"));
    // The rows rebound for a new list leave styles pending in the pulse that lays them out.
    PendingStyles styles = new PendingStyles(this);
    document.problems().addListener((ListChangeListener<Problem>) c -> styles.settleAfterLayout());
    setCellFactory(
        lv ->
            new ListCell<>() {
              @Override
              protected void updateItem(Problem p, boolean empty) {
                super.updateItem(p, empty);
                setText(empty || p == null ? null : p.format());
              }
            });
    getSelectionModel()
        .selectedItemProperty()
        .addListener(
            (o, a, p) -> {
              if (p != null
                  && p.nodeId() != null
                  && document.topology() != null
                  && document.topology().node(p.nodeId()).isPresent()) {
                document.selection().select(p.nodeId(), p.field());
              }
            });
  }
}
