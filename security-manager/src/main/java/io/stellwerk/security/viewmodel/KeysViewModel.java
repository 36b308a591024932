package io.stellwerk.security.viewmodel;

import io.stellwerk.security.core.KeyDirectory;
import io.stellwerk.security.core.KeyRow;
import java.nio.file.Path;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The keys view: every station, workstation and other key of a key directory with fingerprint,
 * state and where it is trusted, plus the files that could not be read. Loading (importing) reads
 * the directory in the background; a failed load keeps what was shown and says why.
 */
public final class KeysViewModel {

  private final Background background;
  private final ObservableList<KeyRow> keys = FXCollections.observableArrayList();
  private final ObservableList<String> problems = FXCollections.observableArrayList();
  private final ReadOnlyObjectWrapper<Path> directory = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
  private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("No key directory open");

  /** An empty keys view. */
  public KeysViewModel(Background background) {
    this.background = background;
  }

  /** The keys, stations first. */
  public ObservableList<KeyRow> keys() {
    return keys;
  }

  /** One line per file that could not be read. */
  public ObservableList<String> problems() {
    return problems;
  }

  /** The directory shown, or {@code null}. */
  public ReadOnlyObjectProperty<Path> directoryProperty() {
    return directory.getReadOnlyProperty();
  }

  /** Whether a directory is being read. */
  public ReadOnlyBooleanProperty busyProperty() {
    return busy.getReadOnlyProperty();
  }

  /** What the last load found or why it failed, one line. */
  public ReadOnlyStringProperty messageProperty() {
    return message.getReadOnlyProperty();
  }

  /** Reads (imports) a key directory. */
  public void load(Path dir) {
    busy.set(true);
    background.run(
        () -> KeyDirectory.open(dir),
        d -> {
          show(d);
          busy.set(false);
        },
        error -> {
          message.set(error);
          busy.set(false);
        });
  }

  /** Reads the shown directory again. */
  public void reload() {
    if (directory.get() != null) {
      load(directory.get());
    }
  }

  /** Shows a directory already read (e.g. just generated). */
  public void show(KeyDirectory d) {
    directory.set(d.directory());
    keys.setAll(d.keys());
    problems.setAll(d.problems());
    long stations = d.keys().stream().filter(k -> k.kind() == KeyRow.Kind.STATION).count();
    message.set(
        d.directory()
            + ": "
            + stations
            + " station keys, "
            + d.bundles().size()
            + " bundles"
            + (d.problems().isEmpty() ? "" : ", " + d.problems().size() + " unreadable"));
  }
}
