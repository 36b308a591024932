package io.stellwerk.workbench.shell;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import javafx.collections.ObservableList;
import javafx.scene.control.ListView;
import javafx.scene.control.SelectionMode;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;

/**
 * The log console at the bottom: one timestamped line per thing the workbench did, the newest kept
 * in view, the oldest dropped beyond {@value #MAX_LINES} lines. Selected lines are copied with the
 * usual shortcut.
 *
 * <p>A list, not a text area: a text area lays out its whole text again for every line appended (40
 * ms at 100 lines, 150–330 ms at a few thousand, on the FX thread), a list only the rows in view.
 */
public final class LogConsole extends ListView<String> {

  /** How many lines the console keeps. */
  public static final int MAX_LINES = 10_000;

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
  private static final KeyCombination COPY = KeyCombination.keyCombination("Shortcut+C");

  /** An empty console. */
  public LogConsole() {
    setId("log");
    getStyleClass().add("log-console");
    getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
    addEventHandler(
        KeyEvent.KEY_PRESSED,
        e -> {
          if (COPY.match(e) || e.getCode() == KeyCode.COPY) {
            copySelection();
            e.consume();
          }
        });
  }

  /** Appends a line (on the FX thread) and scrolls to it. */
  public void log(String line) {
    ObservableList<String> lines = getItems();
    if (lines.size() >= MAX_LINES) {
      lines.remove(0, lines.size() - MAX_LINES + 1);
    }
    lines.add("[" + LocalTime.now().format(TIME) + "] " + line);
    scrollTo(lines.size() - 1);
  }

  /** The console's text, one line each, oldest first. */
  public String text() {
    return String.join("\n", getItems());
  }

  /** Puts the selected lines, in their order in the console, on the clipboard. */
  public void copySelection() {
    List<String> selected =
        getSelectionModel().getSelectedIndices().stream().sorted().map(getItems()::get).toList();
    if (!selected.isEmpty()) {
      ClipboardContent content = new ClipboardContent();
      content.putString(String.join("\n", selected));
      Clipboard.getSystemClipboard().setContent(content);
    }
  }
}
