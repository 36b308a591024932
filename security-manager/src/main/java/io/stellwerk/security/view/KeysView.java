package io.stellwerk.security.view;

import io.stellwerk.security.core.KeyRow;
import io.stellwerk.security.viewmodel.KeysViewModel;
import java.util.List;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.BorderPane;

/**
 * The keys of a key directory in a table: name, kind, fingerprint, state, where trusted, whether
 * the secret is present; files that could not be read are listed below it.
 */
public final class KeysView extends BorderPane {

  private final KeysViewModel model;
  private final TableView<KeyRow> table = new TableView<>();

  /** A view of {@code model}. */
  public KeysView(KeysViewModel model) {
    this.model = model;
    setId("keys-view");
    table.setId("keys-table");
    table.setItems(model.keys());
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    table.setPlaceholder(new Label("No keys: generate or import a key directory"));
    table
        .getColumns()
        .addAll(
            List.of(
                column("Name", 140, KeyRow::name),
                column("Kind", 90, k -> k.kind().label()),
                column("Fingerprint", 380, KeyRow::fingerprint),
                column("State", 100, KeyRow::state),
                column("Secret", 60, k -> k.secretPresent() ? "yes" : "no"),
                column("Trusted by", 300, KeyRow::trustedByText)));
    Label message = new Label();
    message.setId("keys-message");
    message.textProperty().bind(model.messageProperty());
    Button reload = new Button("Reload");
    reload.setId("keys-reload");
    reload.setOnAction(e -> model.reload());
    reload.disableProperty().bind(model.busyProperty().or(model.directoryProperty().isNull()));
    setTop(new ToolBar(reload, message));
    setCenter(table);
    ListView<String> problems = new ListView<>(model.problems());
    problems.setId("keys-problems");
    problems.setPrefHeight(90);
    problems.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(model.problems()));
    problems.managedProperty().bind(problems.visibleProperty());
    setBottom(problems);
  }

  /** The view model. */
  public KeysViewModel model() {
    return model;
  }

  /** The table. */
  public TableView<KeyRow> table() {
    return table;
  }

  private static TableColumn<KeyRow, String> column(
      String title, double width, Function<KeyRow, String> value) {
    TableColumn<KeyRow, String> c = new TableColumn<>(title);
    c.setPrefWidth(width);
    c.setCellValueFactory(f -> new ReadOnlyStringWrapper(value.apply(f.getValue())));
    return c;
  }
}
