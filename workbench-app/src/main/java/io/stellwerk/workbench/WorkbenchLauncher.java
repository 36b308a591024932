package io.stellwerk.workbench;

import javafx.application.Application;

/**
 * Starts the workbench from the class path. It must not extend {@link Application} itself: the Java
 * launcher refuses such a main class with "JavaFX runtime components are missing" when JavaFX is
 * not on the module path.
 */
public final class WorkbenchLauncher {

  private WorkbenchLauncher() {}

  /** Opens the workbench window. */
  public static void main(String[] args) {
    Application.launch(WorkbenchApplication.class, args);
  }
}
