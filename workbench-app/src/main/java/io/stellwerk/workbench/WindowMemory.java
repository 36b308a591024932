package io.stellwerk.workbench;

import io.stellwerk.workbench.shell.WorkbenchShell;
import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;
import javafx.stage.Stage;

/** Puts the window back where it was, if that place is still on a screen. */
final class WindowMemory {

  private WindowMemory() {}

  static void restore(Stage stage, WorkbenchSettings settings) {
    WorkbenchSettings.Bounds b = settings.bounds();
    if (b == null || b.width() < 200 || b.height() < 150) {
      stage.setWidth(1280);
      stage.setHeight(800);
      return;
    }
    boolean visible =
        Screen.getScreens().stream()
            .map(Screen::getVisualBounds)
            .anyMatch(r -> r.intersects(new Rectangle2D(b.x(), b.y(), b.width(), b.height())));
    if (visible) {
      stage.setX(b.x());
      stage.setY(b.y());
    }
    stage.setWidth(b.width());
    stage.setHeight(b.height());
    stage.setMaximized(b.maximized());
  }

  static void remember(Stage stage, WorkbenchShell shell, WorkbenchSettings settings) {
    settings.bounds(
        new WorkbenchSettings.Bounds(
            stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(), stage.isMaximized()));
    shell.remember(settings);
  }
}
