package io.stellwerk.security.view;

import io.stellwerk.node.security.TrustJson;
import io.stellwerk.security.viewmodel.ApprovalQueueViewModel;
import io.stellwerk.security.viewmodel.ApprovalQueueViewModel.Decision;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.BorderPane;

/**
 * The approval queue of one trust store: a table of keys waiting for a decision and buttons to
 * accept, reject or revoke the selected one, each after a confirmation that shows its fingerprint.
 */
public final class ApprovalQueueView extends BorderPane {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

  private final ApprovalQueueViewModel model;
  private final TableView<TrustJson.Row> table = new TableView<>();

  /** A view of {@code model}; call {@link ApprovalQueueViewModel#refresh()} to fill it. */
  public ApprovalQueueView(ApprovalQueueViewModel model) {
    this.model = model;
    setId("approval-queue");
    table.setId("trust-table");
    table.setItems(model.rows());
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    table.setPlaceholder(new Label("No key is waiting for a decision"));
    table
        .getColumns()
        .addAll(
            List.of(
                column("Fingerprint", 360, TrustJson.Row::fingerprint),
                column("State", 80, TrustJson.Row::state),
                column("Identity", 130, r -> text(r.identity())),
                column("Role", 90, r -> text(r.role())),
                column("Wants", 90, r -> text(r.requested())),
                column("Source", 130, r -> text(r.source())),
                column("First seen", 150, r -> time(r.firstSeen())),
                column("Last seen", 150, r -> time(r.lastSeen())),
                column("Knocks", 60, r -> Long.toString(r.knocks())),
                column("Note", 200, r -> text(r.note()))));
    Button refresh = new Button("Refresh");
    refresh.setId("queue-refresh");
    refresh.setOnAction(e -> model.refresh());
    CheckBox showAll = new CheckBox("Show all keys");
    showAll.setId("queue-show-all");
    showAll.selectedProperty().bindBidirectional(model.showAllProperty());
    Label message = new Label();
    message.setId("queue-message");
    message.textProperty().bind(model.messageProperty());
    setTop(
        new ToolBar(
            refresh,
            showAll,
            new Separator(),
            decisionButton(Decision.ACCEPT),
            decisionButton(Decision.REJECT),
            decisionButton(Decision.REVOKE)));
    setCenter(table);
    setBottom(new ToolBar(new Label(model.title()), new Separator(), message));
  }

  /** The view model. */
  public ApprovalQueueViewModel model() {
    return model;
  }

  /** The table. */
  public TableView<TrustJson.Row> table() {
    return table;
  }

  private Button decisionButton(Decision d) {
    Button b = new Button(d.verb() + "…");
    b.setId("queue-" + d.name().toLowerCase(java.util.Locale.ROOT));
    b.disableProperty()
        .bind(
            Bindings.createBooleanBinding(
                    () ->
                        !ApprovalQueueViewModel.allowed(
                            d, table.getSelectionModel().getSelectedItem()),
                    table.getSelectionModel().selectedItemProperty(),
                    model.rows())
                .or(model.busyProperty()));
    b.setOnAction(e -> decide(d, table.getSelectionModel().getSelectedItem()));
    return b;
  }

  private void decide(Decision d, TrustJson.Row row) {
    if (row == null) {
      return;
    }
    new DecisionDialog(getScene() == null ? null : getScene().getWindow(), d, row)
        .showAndWait()
        .ifPresent(
            a -> {
              switch (d) {
                case ACCEPT -> model.accept(row, a.identity(), a.role(), a.replace());
                case REJECT -> model.reject(row);
                case REVOKE -> model.revoke(row);
              }
            });
  }

  private static String text(String s) {
    return s == null ? "" : s;
  }

  private static String time(Instant t) {
    return t == null ? "" : TIME.format(t);
  }

  private static TableColumn<TrustJson.Row, String> column(
      String title, double width, Function<TrustJson.Row, String> value) {
    TableColumn<TrustJson.Row, String> c = new TableColumn<>(title);
    c.setPrefWidth(width);
    c.setCellValueFactory(f -> new ReadOnlyStringWrapper(value.apply(f.getValue())));
    return c;
  }
}
