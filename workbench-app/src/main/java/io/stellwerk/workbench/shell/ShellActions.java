package io.stellwerk.workbench.shell;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import io.stellwerk.editor.document.TopologyDocument;
import io.stellwerk.editor.model.EditorState;
import io.stellwerk.editor.view.TopologyEditor;
import io.stellwerk.node.topology.TopologyLoader;
import io.stellwerk.workbench.DemoTopology;
import io.stellwerk.workbench.Template;
import io.stellwerk.workbench.WorkbenchSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;

/**
 * What the menus and the toolbar do. File work (reading, rendering, writing) runs as background
 * tasks and only its result touches the scene; validation of edits runs on its own thread.
 */
public final class ShellActions {

  private final WorkbenchShell shell;
  private final WorkbenchSettings settings;
  private final Prompts prompts;
  private final ExecutorService io = daemonPool("workbench-io");
  private final ExecutorService validation = daemonPool("workbench-validation");
  private final ExternalChanges watcher;
  private final ObservableList<Path> recent = FXCollections.observableArrayList();
  private final DemoTopology demo = new DemoTopology(Path.of("").toAbsolutePath());

  ShellActions(WorkbenchShell shell, WorkbenchSettings settings, Prompts prompts) {
    this.shell = shell;
    this.settings = settings;
    this.prompts = prompts;
    this.watcher = new ExternalChanges(p -> Platform.runLater(() -> externalChange(p)));
    recent.setAll(settings.recent());
    applyTheme(settings.theme());
    settings.problems().forEach(shell.log()::log);
  }

  private static ExecutorService daemonPool(String name) {
    return Executors.newSingleThreadExecutor(
        r -> {
          Thread t = new Thread(r, name);
          t.setDaemon(true);
          return t;
        });
  }

  /** Recent files, newest first, for the File menu. */
  public ObservableList<Path> recent() {
    return recent;
  }

  /** The first start opens the demo; later starts too when no recent file is left. */
  public void openInitial() {
    boolean first = settings.firstStart();
    settings.started();
    Optional<Path> last = recent.stream().filter(java.nio.file.Files::isRegularFile).findFirst();
    if (first || last.isEmpty()) {
      openDemo();
    } else {
      open(last.get());
    }
  }

  /** Opens the demo topology: the repository's file when there is one, else the bundled copy. */
  public void openDemo() {
    Optional<Path> file = demo.repositoryFile(DemoTopology.DEMO);
    if (file.isPresent()) {
      open(file.get());
    } else {
      String text = new String(DemoTopology.bundled(DemoTopology.DEMO), StandardCharsets.UTF_8);
      load(DemoTopology.DEMO, null, () -> text);
    }
  }

  /** Asks for a template and opens it as a new, unsaved topology. */
  public void newTopology() {
    prompts.template().ifPresent(this::newFrom);
  }

  /** Opens a template as a new, unsaved topology. */
  public void newFrom(Template t) {
    load("untitled.yaml", null, t::text);
  }

  /** Asks for a file and opens it. */
  public void openDialog() {
    prompts.openFile(directory()).ifPresent(this::open);
  }

  /** Opens a file, or shows its tab if it is open already. */
  public void open(Path file) {
    Path p = file.toAbsolutePath().normalize();
    for (var t : shell.editors().getTabs()) {
      if (t instanceof EditorTab e && p.equals(e.path())) {
        shell.editors().getSelectionModel().select(e);
        return;
      }
    }
    load(p.getFileName().toString(), p, () -> FileIo.read(p));
  }

  private void load(String name, Path path, java.util.function.Supplier<String> text) {
    Task<TopologyDocument> task =
        new Task<>() {
          @Override
          protected TopologyDocument call() {
            // Live validation waits for edits to settle, out of the frames that show them.
            return TopologyDocument.open(
                name, path, text.get(), TopologyDocument.settling(validation), Platform::runLater);
          }
        };
    task.setOnSucceeded(e -> opened(task.getValue()));
    task.setOnFailed(
        e -> report("Could not open " + name + ": " + FileIo.reason(task.getException())));
    io.execute(task);
  }

  private void opened(TopologyDocument d) {
    TopologyEditor editor = new TopologyEditor(d, prompts::confirm);
    EditorTab tab = new EditorTab(editor);
    tab.setOnCloseRequest(
        e -> {
          e.consume();
          close(tab);
        });
    shell.add(tab);
    Path p = d.pathProperty().get();
    if (p != null) {
      watcher.known(p, d.text().getBytes(StandardCharsets.UTF_8));
      remember(p);
    }
    String what = d.editable() ? d.topology().nodes().size() + " nodes" : "not editable";
    report(
        "Opened "
            + (p == null ? d.name() : p)
            + ": "
            + what
            + ", "
            + problems(d.problems().size()));
  }

  /** Saves the active document (asks where for a new one). */
  public void save() {
    EditorTab t = shell.activeTab();
    if (t != null) {
      save(t, t.path(), () -> {});
    }
  }

  /** Saves the active document under a new name. */
  public void saveAs() {
    EditorTab t = shell.activeTab();
    if (t != null) {
      save(t, null, () -> {});
    }
  }

  private void save(EditorTab tab, Path target, Runnable after) {
    Path to =
        target != null ? target : prompts.saveFile(tab.document().name(), directory()).orElse(null);
    if (to == null) {
      return;
    }
    TopologyDocument d = tab.document();
    EditorState state = d.stateProperty().get();
    Task<Void> task =
        new Task<>() {
          @Override
          protected Void call() throws Exception {
            byte[] bytes = d.textOf(state).getBytes(StandardCharsets.UTF_8);
            FileIo.writeAtomically(to, bytes);
            watcher.known(to, bytes);
            return null;
          }
        };
    task.setOnSucceeded(
        e -> {
          Path old = tab.path();
          if (old != null && !old.equals(to)) {
            watcher.forget(old);
          }
          d.saved(to, state);
          remember(to);
          report("Saved " + to);
          after.run();
        });
    task.setOnFailed(
        e -> report("Could not save " + to + ": " + FileIo.reason(task.getException())));
    io.execute(task);
  }

  /** Closes a tab, asking first when it has unsaved changes. */
  public void close(EditorTab tab) {
    if (tab.document().dirtyProperty().get()) {
      switch (prompts.unsavedChanges(tab.getText().replace("*", ""))) {
        case SAVE -> save(tab, tab.path(), () -> remove(tab));
        case DISCARD -> remove(tab);
        case CANCEL -> report("Kept " + tab.document().name() + " open");
      }
    } else {
      remove(tab);
    }
  }

  /**
   * Asks about every document with unsaved changes before the window closes. Cancel keeps the
   * window; Don't Save drops the changes. Returns whether the window may close now: when documents
   * are to be saved, it returns false and runs {@code close} once every one of them was saved (a
   * failed or cancelled save keeps the window open).
   */
  public boolean closeAll(Runnable close) {
    List<EditorTab> toSave = new java.util.ArrayList<>();
    for (EditorTab t :
        List.copyOf(shell.editors().getTabs()).stream()
            .filter(EditorTab.class::isInstance)
            .map(EditorTab.class::cast)
            .toList()) {
      if (t.document().dirtyProperty().get()) {
        switch (prompts.unsavedChanges(t.getText().replace("*", ""))) {
          case CANCEL -> {
            report("Kept the workbench open");
            return false;
          }
          case SAVE -> toSave.add(t);
          case DISCARD -> {}
        }
      }
    }
    if (toSave.isEmpty()) {
      watcher.close();
      return true;
    }
    int[] left = {toSave.size()};
    for (EditorTab t : toSave) {
      save(
          t,
          t.path(),
          () -> {
            if (--left[0] == 0) {
              watcher.close();
              close.run();
            }
          });
    }
    return false;
  }

  private void remove(EditorTab tab) {
    if (tab.path() != null) {
      watcher.forget(tab.path());
    }
    shell.editors().getTabs().remove(tab);
  }

  private void externalChange(Path p) {
    for (var t : List.copyOf(shell.editors().getTabs())) {
      if (t instanceof EditorTab e && p.equals(e.path())) {
        report(p.getFileName() + " was changed by another program");
        String extra =
            e.document().dirtyProperty().get() ? " Your unsaved edits would be lost." : "";
        if (prompts.confirm(
            "File changed on disk",
            p.getFileName() + " was changed outside the workbench. Reload it?" + extra)) {
          remove(e);
          open(p);
        }
      }
    }
  }

  /** Validates the active document now and logs the result. */
  public void validate() {
    EditorTab t = shell.activeTab();
    if (t == null) {
      return;
    }
    TopologyDocument d = t.document();
    EditorState s = d.stateProperty().get();
    Task<Integer> task =
        new Task<>() {
          @Override
          protected Integer call() {
            return TopologyLoader.parse(d.name(), d.textOf(s)).problems().size();
          }
        };
    task.setOnSucceeded(e -> report("Validated " + d.name() + ": " + problems(task.getValue())));
    d.validate();
    validation.execute(task);
  }

  /** Runs an editor action on the active tab, reporting a refusal in the status bar. */
  public void onEditor(java.util.function.Function<TopologyEditor, Optional<String>> action) {
    EditorTab t = shell.activeTab();
    if (t != null) {
      action.apply(t.editor()).ifPresent(shell.status()::message);
    }
  }

  /** Switches between the light and the dark theme. */
  public void toggleTheme() {
    String next = settings.theme().equals("dark") ? "light" : "dark";
    settings.theme(next);
    applyTheme(next);
  }

  private void applyTheme(String theme) {
    boolean dark = theme.equals("dark");
    Application.setUserAgentStylesheet(
        dark
            ? new PrimerDark().getUserAgentStylesheet()
            : new PrimerLight().getUserAgentStylesheet());
    shell.getStyleClass().remove("dark");
    if (dark) {
      shell.getStyleClass().add("dark");
    }
  }

  private void remember(Path p) {
    settings.addRecent(p);
    recent.setAll(settings.recent());
    // Kept at once, not only when the window closes: a crash should not lose the list.
    io.execute(settings::save);
  }

  private Path directory() {
    EditorTab t = shell.activeTab();
    return t != null && t.path() != null ? t.path().getParent() : Path.of("").toAbsolutePath();
  }

  private void report(String line) {
    shell.log().log(line);
    shell.status().message(line);
  }

  private static String problems(int n) {
    return n == 0 ? "no problems" : n == 1 ? "1 problem" : n + " problems";
  }
}
