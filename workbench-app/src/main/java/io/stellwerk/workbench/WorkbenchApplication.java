package io.stellwerk.workbench;

import io.stellwerk.workbench.shell.DialogPrompts;
import io.stellwerk.workbench.shell.WorkbenchShell;
import java.nio.file.Path;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * The workbench window. Started through {@link WorkbenchLauncher}; settings live in the user's
 * config directory unless the system property {@code stellwerk.config.dir} names another.
 */
public final class WorkbenchApplication extends Application {

  private final Path configDir;

  /** The application with its settings in the default (or configured) directory. */
  public WorkbenchApplication() {
    this(configDirectory());
  }

  /** The application with its settings in {@code configDir} (tests use a temporary one). */
  public WorkbenchApplication(Path configDir) {
    this.configDir = configDir;
  }

  private static Path configDirectory() {
    String dir = System.getProperty("stellwerk.config.dir");
    return dir == null ? WorkbenchSettings.defaultDirectory() : Path.of(dir);
  }

  @Override
  public void start(Stage stage) {
    WorkbenchSettings settings = WorkbenchSettings.load(configDir);
    WorkbenchShell shell = new WorkbenchShell(settings, new DialogPrompts(stage));
    WindowMemory.restore(stage, settings);
    stage.setTitle("Stellwerk workbench");
    stage.setScene(
        new Scene(
            shell,
            stage.getWidth() > 0 ? stage.getWidth() : 1280,
            stage.getHeight() > 0 ? stage.getHeight() : 800));
    Runnable remember =
        () -> {
          WindowMemory.remember(stage, shell, settings);
          settings.save();
        };
    stage.setOnCloseRequest(
        e -> {
          // Documents still being saved close the window when their saves are done.
          if (shell
              .actions()
              .closeAll(
                  () -> {
                    remember.run();
                    stage.close();
                  })) {
            remember.run();
          } else {
            e.consume();
          }
        });
    stage.show();
    shell.actions().openInitial();
    settings.save();
  }
}
