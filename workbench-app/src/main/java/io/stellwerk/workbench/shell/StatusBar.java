package io.stellwerk.workbench.shell;

import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/** The status line: the last message on the left, problems and selection on the right. */
public final class StatusBar extends HBox {

  private final Label message = new Label("Ready");
  private final Label problems = new Label();
  private final Label selection = new Label();

  /** An empty status bar. */
  public StatusBar() {
    getStyleClass().add("status-bar");
    message.setId("status-message");
    problems.setId("status-problems");
    Region grow = new Region();
    HBox.setHgrow(grow, Priority.ALWAYS);
    getChildren().addAll(message, grow, selection, problems);
  }

  /** Shows a message. */
  public void message(String text) {
    message.setText(text);
  }

  /** The message shown. */
  public String message() {
    return message.getText();
  }

  /** Shows the problem count and selection of the active document. */
  public void document(int problemCount, String selected) {
    problems.setText(
        problemCount == 0
            ? "No problems"
            : problemCount + (problemCount == 1 ? " problem" : " problems"));
    selection.setText(selected == null ? "" : selected);
  }
}
