package io.stellwerk.workbench.shell;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import javafx.scene.control.TextArea;

/** The log console at the bottom: one timestamped line per thing the workbench did. */
public final class LogConsole extends TextArea {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
  private static final int MAX_CHARS = 200_000;

  /** An empty, read-only console. */
  public LogConsole() {
    setEditable(false);
    setId("log");
    getStyleClass().add("log-console");
  }

  /** Appends a line (on the FX thread). */
  public void log(String line) {
    if (getLength() > MAX_CHARS) {
      deleteText(0, getLength() / 2);
    }
    appendText("[" + LocalTime.now().format(TIME) + "] " + line + "\n");
  }
}
