package io.stellwerk.workbench.shell;

import io.stellwerk.workbench.Template;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceDialog;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** Asks with JavaFX dialogs owned by the workbench window. */
public final class DialogPrompts implements Prompts {

  /** The "Save" button of the unsaved-changes dialog. */
  public static final ButtonType SAVE = new ButtonType("Save", ButtonBar.ButtonData.YES);

  /** The "Don't Save" button of the unsaved-changes dialog. */
  public static final ButtonType DISCARD = new ButtonType("Don't Save", ButtonBar.ButtonData.NO);

  private final Window owner;

  /** Dialogs over the given window. */
  public DialogPrompts(Window owner) {
    this.owner = owner;
  }

  @Override
  public Unsaved unsavedChanges(String name) {
    Alert a =
        new Alert(
            Alert.AlertType.CONFIRMATION,
            name + " has unsaved changes. Save them before closing?",
            SAVE,
            DISCARD,
            ButtonType.CANCEL);
    a.setTitle("Unsaved changes");
    a.setHeaderText("Save changes to " + name + "?");
    a.initOwner(owner);
    ButtonType b = a.showAndWait().orElse(ButtonType.CANCEL);
    return b == SAVE ? Unsaved.SAVE : b == DISCARD ? Unsaved.DISCARD : Unsaved.CANCEL;
  }

  @Override
  public boolean confirm(String title, String question) {
    Alert a = new Alert(Alert.AlertType.CONFIRMATION, question, ButtonType.OK, ButtonType.CANCEL);
    a.setTitle(title);
    a.setHeaderText(title);
    a.initOwner(owner);
    return a.showAndWait().orElse(ButtonType.CANCEL) == ButtonType.OK;
  }

  @Override
  public Optional<Path> openFile(Path initialDirectory) {
    FileChooser c = chooser("Open topology", initialDirectory);
    return Optional.ofNullable(c.showOpenDialog(owner)).map(File::toPath);
  }

  @Override
  public Optional<Path> saveFile(String suggestedName, Path initialDirectory) {
    FileChooser c = chooser("Save topology as", initialDirectory);
    c.setInitialFileName(suggestedName);
    return Optional.ofNullable(c.showSaveDialog(owner)).map(File::toPath);
  }

  private static FileChooser chooser(String title, Path dir) {
    FileChooser c = new FileChooser();
    c.setTitle(title);
    c.getExtensionFilters()
        .add(new FileChooser.ExtensionFilter("Topology (*.yaml)", "*.yaml", "*.yml"));
    if (dir != null && Files.isDirectory(dir)) {
      c.setInitialDirectory(dir.toFile());
    }
    return c;
  }

  @Override
  public Optional<Template> template() {
    ChoiceDialog<Template> d = new ChoiceDialog<>(Template.SINGLE_NODE, List.of(Template.values()));
    d.setTitle("New topology");
    d.setHeaderText("Start from which layout?");
    d.initOwner(owner);
    return d.showAndWait();
  }
}
