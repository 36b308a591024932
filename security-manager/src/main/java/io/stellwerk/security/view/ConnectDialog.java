package io.stellwerk.security.view;

import io.stellwerk.node.security.Workstation;
import io.stellwerk.node.topology.StationId;
import io.stellwerk.node.topology.Topology;
import java.io.File;
import java.nio.file.Path;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.Window;

/**
 * Asks which station of a topology to administer and how to reach it: the key directory whose
 * workstation key the station trusts (or plain text for an {@code --insecure} station), and whether
 * hosts are mapped to loopback addresses as {@code --local} and the launcher do.
 */
public final class ConnectDialog extends Dialog<ConnectDialog.Choice> {

  /**
   * What was chosen.
   *
   * @param station the station whose trust store to open
   * @param keysDir the key directory, or {@code null} for plain text
   * @param workstation the workstation name in that directory
   * @param local whether to map hosts to 127.0.0.N as {@code --local} does
   */
  public record Choice(StationId station, Path keysDir, String workstation, boolean local) {}

  /** A dialog over {@code owner} for {@code topology}; {@code keysDir} is proposed if not null. */
  public ConnectDialog(Window owner, Topology topology, Path keysDir) {
    setTitle("Approval queue");
    setHeaderText("Open the trust store of a running station of " + topology.federation());
    if (owner != null) {
      initOwner(owner);
    }
    ChoiceBox<StationId> station = new ChoiceBox<>();
    station.setId("connect-station");
    station.getItems().setAll(topology.stations());
    station.setValue(topology.stations().get(0));
    TextField dir = new TextField(keysDir == null ? "" : keysDir.toString());
    dir.setId("connect-keys");
    dir.setPrefColumnCount(36);
    Button browse = new Button("Browse…");
    browse.setOnAction(
        e -> {
          DirectoryChooser c = new DirectoryChooser();
          c.setTitle("Key directory");
          File f = c.showDialog(getDialogPane().getScene().getWindow());
          if (f != null) {
            dir.setText(f.getPath());
          }
        });
    TextField workstation = new TextField(Workstation.DEFAULT_NAME);
    workstation.setId("connect-workstation");
    CheckBox insecure = new CheckBox("The station runs --insecure (plain text, no key)");
    insecure.setId("connect-insecure");
    CheckBox local = new CheckBox("Hosts mapped to loopback (--local, the launcher)");
    local.setId("connect-local");
    local.setSelected(true);
    dir.disableProperty().bind(insecure.selectedProperty());
    workstation.disableProperty().bind(insecure.selectedProperty());
    GridPane grid = new GridPane();
    grid.setHgap(8);
    grid.setVgap(8);
    grid.addRow(0, new Label("Station"), station);
    grid.addRow(1, new Label("Key directory"), new HBox(8, dir, browse));
    grid.addRow(2, new Label("Workstation"), workstation);
    grid.add(insecure, 1, 3);
    grid.add(local, 1, 4);
    getDialogPane().setContent(grid);
    ButtonType open = new ButtonType("Open", ButtonBar.ButtonData.OK_DONE);
    getDialogPane().getButtonTypes().setAll(open, ButtonType.CANCEL);
    getDialogPane().lookupButton(open).setId("connect-open");
    getDialogPane()
        .lookupButton(open)
        .disableProperty()
        .bind(
            insecure
                .selectedProperty()
                .not()
                .and(dir.textProperty().isEmpty().or(workstation.textProperty().isEmpty())));
    setResultConverter(
        b ->
            b != open
                ? null
                : new Choice(
                    station.getValue(),
                    insecure.isSelected() ? null : Path.of(dir.getText().strip()),
                    workstation.getText().strip(),
                    local.isSelected()));
  }
}
