package io.stellwerk.security.view;

import io.stellwerk.node.security.TrustJson;
import io.stellwerk.node.security.TrustRole;
import io.stellwerk.security.viewmodel.ApprovalQueueViewModel;
import io.stellwerk.security.viewmodel.ApprovalQueueViewModel.Decision;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

/**
 * The confirmation of a decision on a key: shows the full fingerprint (to compare with the one the
 * station printed) and, for an accept, the identity and role to bind and whether to replace the
 * identity's current key.
 */
final class DecisionDialog extends Dialog<DecisionDialog.Answer> {

  /** What the person confirmed. */
  record Answer(String identity, TrustRole role, boolean replace) {}

  DecisionDialog(Window owner, Decision decision, TrustJson.Row row) {
    setTitle(decision.verb() + " key");
    setHeaderText(ApprovalQueueViewModel.question(decision, row));
    if (owner != null) {
      initOwner(owner);
    }
    GridPane grid = new GridPane();
    grid.setHgap(8);
    grid.setVgap(8);
    TextField fingerprint = new TextField(row.fingerprint());
    fingerprint.setId("confirm-fingerprint");
    fingerprint.setEditable(false);
    fingerprint.setPrefColumnCount(48);
    grid.addRow(0, new Label("Fingerprint"), fingerprint);
    grid.addRow(1, new Label("Source"), new Label(row.source() == null ? "—" : row.source()));
    TextField identity = new TextField(ApprovalQueueViewModel.proposedIdentity(row));
    identity.setId("confirm-identity");
    ChoiceBox<TrustRole> role = new ChoiceBox<>();
    role.setId("confirm-role");
    role.getItems().setAll(TrustRole.values());
    role.setValue(ApprovalQueueViewModel.proposedRole(row));
    CheckBox replace = new CheckBox("Replace the identity's current key");
    replace.setId("confirm-replace");
    replace.setSelected(row.state().equals("conflict"));
    if (decision == Decision.ACCEPT) {
      grid.addRow(2, new Label("Identity"), identity);
      grid.addRow(3, new Label("Role"), role);
      grid.add(replace, 1, 4);
    } else {
      grid.addRow(
          2, new Label("Identity"), new Label(row.identity() == null ? "—" : row.identity()));
    }
    getDialogPane().setContent(grid);
    ButtonType confirm = new ButtonType(decision.verb(), ButtonBar.ButtonData.OK_DONE);
    getDialogPane().getButtonTypes().setAll(confirm, ButtonType.CANCEL);
    getDialogPane().lookupButton(confirm).setId("confirm-decision");
    if (decision == Decision.ACCEPT) {
      // An accept needs an identity and a role: the station binds the key to them.
      getDialogPane()
          .lookupButton(confirm)
          .disableProperty()
          .bind(identity.textProperty().isEmpty().or(role.valueProperty().isNull()));
    }
    setResultConverter(
        b ->
            b == confirm
                ? new Answer(identity.getText(), role.getValue(), replace.isSelected())
                : null);
  }
}
