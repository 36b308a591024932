package io.stellwerk.workbench.shell;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.scene.Scene;
import javafx.scene.control.ListCell;
import javafx.scene.input.Clipboard;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The log console as the shell shows it, with real controls (TestFX, headless). */
@ExtendWith(ApplicationExtension.class)
class LogConsoleTest {

  private LogConsole log;

  @Start
  void start(Stage stage) {
    log = new LogConsole();
    stage.setScene(new Scene(log, 600, 200));
    stage.show();
  }

  @Test
  void keepsTheNewestLineInViewAndDropsTheOldestBeyondItsLimit(FxRobot robot) {
    int total = LogConsole.MAX_LINES + 5;
    robot.interact(
        () -> {
          for (int i = 0; i < total - 1; i++) {
            log.log("line " + i);
          }
        });
    // The newest line comes on its own, as the next thing the workbench did.
    robot.interact(() -> log.log("line " + (total - 1)));
    WaitForAsyncUtils.waitForFxEvents();

    assertThat(log.getItems()).hasSize(LogConsole.MAX_LINES);
    assertThat(log.getItems().get(0)).endsWith("] line 5");
    assertThat(log.text()).endsWith("] line " + (total - 1));
    assertThat(log.getItems().get(0)).matches("\\[\\d\\d:\\d\\d:\\d\\d] line 5");
    assertThat(robot.lookup(".list-cell").queryAllAs(ListCell.class))
        .as("a row shows the newest line")
        .anySatisfy(
            c -> {
              assertThat(c.getText()).endsWith("] line " + (total - 1));
              assertThat(c.isVisible()).isTrue();
              assertThat(c.localToScene(c.getBoundsInLocal()).getMaxY())
                  .as("inside the console")
                  .isLessThanOrEqualTo(log.getHeight() + 0.5);
            });
  }

  @Test
  void theShortcutCopiesTheSelectedLinesInTheirOrder(FxRobot robot) {
    robot.interact(
        () -> {
          for (int i = 0; i < 5; i++) {
            log.log("line " + i);
          }
          log.getSelectionModel().clearSelection();
          log.getSelectionModel().select(3);
          log.getSelectionModel().select(1);
          Clipboard.getSystemClipboard().clear();
          log.requestFocus();
        });
    robot.press(KeyCode.SHORTCUT, KeyCode.C).release(KeyCode.C, KeyCode.SHORTCUT);

    String copied =
        WaitForAsyncUtils.waitForAsyncFx(5_000, () -> Clipboard.getSystemClipboard().getString());
    assertThat(copied).isEqualTo(log.getItems().get(1) + "\n" + log.getItems().get(3));
    assertThat(copied).contains("] line 1\n[").endsWith("] line 3");
  }
}
