package io.stellwerk.workbench.bench;

import io.stellwerk.editor.bench.BenchReport;
import io.stellwerk.editor.bench.FxTimer;
import io.stellwerk.node.topology.TopologyLoader;
import io.stellwerk.workbench.WorkbenchSettings;
import io.stellwerk.workbench.shell.DialogPrompts;
import io.stellwerk.workbench.shell.EditorTab;
import io.stellwerk.workbench.shell.WorkbenchShell;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.scene.Scene;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;

/**
 * The editor's figures in the real workbench: its shell (menus, toolbar, explorer, tabs, problems,
 * log console, status bar) with its theme, opening a file through File ▸ Open's action and dragging
 * in the opened tab as {@code EditorBenchmark} drags in the kit alone. Prints JSON lines. Runs
 * headless (Monocle, software rendering), with a settings directory of its own.
 *
 * <pre>
 * java -Dtheme=light|dark -Dbottom=problems|log ... io.stellwerk.workbench.bench.WorkbenchBenchmark examples/large.yaml
 * </pre>
 */
public final class WorkbenchBenchmark {

  private static final int WARMUP = 5;
  private static final int RUNS = 20;
  private static final int GESTURES = Integer.getInteger("gestures", 15);
  private static final int STEPS = Integer.getInteger("steps", 60);

  private WorkbenchBenchmark() {}

  /** Runs the benchmark on the file given as the first argument. */
  public static void main(String[] args) throws Exception {
    System.setProperty("glass.platform", "Monocle");
    System.setProperty("monocle.platform", "Headless");
    System.setProperty("prism.order", "sw");
    Path file =
        Path.of(args.length > 0 ? args[0] : "examples/large.yaml").toAbsolutePath().normalize();
    int nodes = TopologyLoader.parse("bench", Files.readString(file)).topology().nodes().size();
    BenchReport.header("workbench", file, nodes);
    Path config = Files.createTempDirectory("stellwerk-bench-settings");
    WorkbenchSettings settings = WorkbenchSettings.load(config);
    settings.theme(System.getProperty("theme", "light"));
    System.out.printf("{\"theme\":\"%s\"}%n", settings.theme());

    CompletableFuture<Void> started = new CompletableFuture<>();
    Platform.startup(() -> started.complete(null));
    started.get(30, TimeUnit.SECONDS);
    WorkbenchShell shell =
        FxTimer.onFx(
            () -> {
              Stage stage = new Stage();
              WorkbenchShell s = new WorkbenchShell(settings, new DialogPrompts(stage));
              stage.setScene(new Scene(s, 1280, 800));
              stage.show();
              return s;
            });
    Scene scene = shell.getScene();

    List<Double> opens = new ArrayList<>();
    for (int i = 0; i < WARMUP + RUNS; i++) {
      double ms = openAndShow(shell, file);
      if (i >= WARMUP) {
        opens.add(ms);
      }
      if (i < WARMUP + RUNS - 1) {
        FxTimer.onFx(
            () -> {
              shell.actions().close(shell.activeTab());
              return null;
            });
      }
    }
    BenchReport.report("open_to_first_frame", BenchReport.wallOnly(opens));

    // The bottom view showing during the drags: the problems (the shell's default) or the log,
    // to which every edit adds a line.
    String bottomView = System.getProperty("bottom", "problems");
    String shown =
        FxTimer.onFx(
            () -> {
              TabPane bottom = (TabPane) shell.lookup("#bottom-views");
              bottom.getTabs().stream()
                  .filter(t -> t.getText().equalsIgnoreCase(bottomView))
                  .findFirst()
                  .ifPresent(t -> bottom.getSelectionModel().select(t));
              return bottom.getSelectionModel().getSelectedItem().getText();
            });
    System.out.printf("{\"bottom_view\":\"%s\"}%n", shown);
    // The views finish what they deferred past the first frame before the drags start.
    FxTimer.frame(scene, () -> null);
    FxTimer.frame(scene, () -> null);
    BenchReport.drags(FxTimer.onFx(() -> shell.activeTab().editor()), GESTURES, STEPS);
    Platform.exit();
    // The throw-away settings (the window's layout, recent files) go with the run.
    try (var paths = Files.walk(config)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
    // Monocle's event thread does not end with Platform.exit; the figures are out, so stop here.
    System.exit(0);
  }

  /**
   * Opens {@code file} as File ▸ Open does (reading, parsing and validating in the background) and
   * returns the milliseconds until the FX thread is free after the first frame showing its tab.
   */
  private static double openAndShow(WorkbenchShell shell, Path file) throws Exception {
    Scene scene = shell.getScene();
    CompletableFuture<Double> shown = new CompletableFuture<>();
    long[] t0 = new long[1];
    FxTimer.onFx(
        () -> {
          ListChangeListener<Tab> added =
              new ListChangeListener<>() {
                @Override
                public void onChanged(Change<? extends Tab> c) {
                  shell.editors().getTabs().removeListener(this);
                  Runnable[] frameEnd = new Runnable[1];
                  frameEnd[0] =
                      () -> {
                        scene.removePostLayoutPulseListener(frameEnd[0]);
                        // Runs once the pulse has returned: rendered and handed over.
                        Platform.runLater(() -> shown.complete((System.nanoTime() - t0[0]) / 1e6));
                      };
                  scene.addPostLayoutPulseListener(frameEnd[0]);
                }
              };
          shell.editors().getTabs().addListener(added);
          t0[0] = System.nanoTime();
          shell.actions().open(file);
          return null;
        });
    double ms = shown.get(60, TimeUnit.SECONDS);
    EditorTab tab = FxTimer.onFx(shell::activeTab);
    if (tab == null || !file.equals(tab.path())) {
      throw new IllegalStateException("the workbench did not open " + file);
    }
    return ms;
  }
}
