package io.stellwerk.editor.bench;

import io.stellwerk.editor.bench.FxTimer.Time;
import io.stellwerk.editor.canvas.TreeLayout;
import io.stellwerk.editor.command.Edits;
import io.stellwerk.editor.document.TopologyDocument;
import io.stellwerk.editor.model.NodeField;
import io.stellwerk.editor.view.TopologyEditor;
import io.stellwerk.editor.view.Viewports;
import io.stellwerk.node.topology.TopologyLoader;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.geometry.Orientation;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;

/**
 * Measures the editor on a large topology and prints one JSON line per figure. Opening runs as in
 * the workbench: reading, parsing and validating on a background thread, then one FX task puts the
 * views of the document into the window that is already showing. FX figures time the task together
 * with the pulse after it ({@link FxTimer}) and give wall and CPU time. Runs headless (Monocle,
 * software rendering).
 *
 * <p>{@code ./mvnw -q -pl topology-editor test-compile exec:exec} (runs on examples/large.yaml).
 */
public final class EditorBenchmark {

  private static final int WARMUP = 5;
  private static final int RUNS = 20;
  private static final int GESTURES = Integer.getInteger("gestures", 15);
  private static final int STEPS = Integer.getInteger("steps", 60);

  private EditorBenchmark() {}

  /** Runs the benchmark on the file given as the first argument. */
  public static void main(String[] args) throws Exception {
    System.setProperty("glass.platform", "Monocle");
    System.setProperty("monocle.platform", "Headless");
    System.setProperty("prism.order", "sw");
    Path file = Path.of(args.length > 0 ? args[0] : "examples/large.yaml");
    String text = Files.readString(file);
    int nodes = TopologyLoader.parse("bench", text).topology().nodes().size();
    BenchReport.header("editor", file, nodes);
    // As in the workbench: live validation (and reading the source positions) on its own thread,
    // results posted to the FX thread; here each posted task is timed.
    ExecutorService validation = Executors.newSingleThreadExecutor();
    List<Double> posted = Collections.synchronizedList(new ArrayList<>());

    BenchReport.report(
        "open_read_parse_validate", time(() -> open(file, validation, Runnable::run)));
    TopologyDocument doc = open(file, Runnable::run, Runnable::run);
    BenchReport.report("layout", time(() -> TreeLayout.of(doc.topology())));
    BenchReport.report(
        "validate_after_edit",
        timeEach(
            () -> open(file, Runnable::run, Runnable::run),
            d ->
                d.edit(
                    () ->
                        Edits.set(
                            d.topology(),
                            d.topology().root().id(),
                            NodeField.PRIMARY_PORT,
                            "7600"))));

    CompletableFuture<Void> started = new CompletableFuture<>();
    Platform.startup(() -> started.complete(null));
    started.get(30, TimeUnit.SECONDS);
    BorderPane window =
        FxTimer.onFx(
            () -> {
              BorderPane pane = new BorderPane(new Label("No topology open"));
              Stage stage = new Stage();
              Scene host = new Scene(pane, 1280, 800);
              host.getStylesheets()
                  .add(EditorBenchmark.class.getResource("host.css").toExternalForm());
              stage.setScene(host);
              stage.show();
              return pane;
            });
    Scene scene = window.getScene();

    List<Time> apply = new ArrayList<>();
    List<Time> second = new ArrayList<>();
    List<Double> total = new ArrayList<>();
    TopologyEditor editor = null;
    for (int i = 0; i < WARMUP + RUNS; i++) {
      long t0 = System.nanoTime();
      List<Double> into = i >= WARMUP ? posted : null;
      // As the workbench opens a document: validation once edits have settled.
      TopologyDocument d =
          open(file, TopologyDocument.settling(validation), r -> Platform.runLater(timed(r, into)));
      FxTimer.Measured<TopologyEditor> shown = FxTimer.frame(scene, () -> install(window, d));
      double first = (System.nanoTime() - t0) / 1e6;
      // The views finish what they deferred past the first frame (the properties form).
      FxTimer.Time next = FxTimer.frame(scene, () -> null).time();
      if (i >= WARMUP) {
        total.add(first);
        apply.add(shown.time());
        second.add(next);
      }
      editor = shown.value();
    }
    BenchReport.report("fx_open_apply", apply);
    BenchReport.report("fx_open_next_frame", second);
    BenchReport.report("open_to_first_frame", BenchReport.wallOnly(total));

    // The drags start from a window that has finished showing the last open, as a user's would:
    // without this pulse the first mouse event waited for the renderer to draw the opened window.
    FxTimer.frame(scene, () -> null);
    BenchReport.drags(editor, GESTURES, STEPS);
    validation.shutdown();
    validation.awaitTermination(30, TimeUnit.SECONDS);
    FxTimer.onFx(() -> null);
    BenchReport.report("fx_validation_result_applied", BenchReport.wallOnly(posted));
    Platform.exit();
    // Monocle's event thread does not end with Platform.exit; the figures are out, so stop here.
    System.exit(0);
  }

  private static TopologyDocument open(
      Path file, java.util.concurrent.Executor background, java.util.concurrent.Executor post) {
    try {
      return TopologyDocument.open(
          file.getFileName().toString(), file, Files.readString(file), background, post);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * Puts the document's views into the window, arranged as the workbench arranges them (outline
   * left, canvas centre, properties right in a scroll pane, problems below, split panes between).
   * Those containers are the host's, styled by the bench's stylesheet (host.css). The graph gets
   * the keyboard.
   */
  private static TopologyEditor install(BorderPane window, TopologyDocument document) {
    TopologyEditor editor = new TopologyEditor(document, (t, q) -> true);
    ScrollPane properties = new ScrollPane(editor.properties());
    properties.setFitToWidth(true);
    Viewports.paintDirectly(properties);
    SplitPane centre = new SplitPane(editor.canvas(), properties);
    centre.setDividerPositions(0.72);
    SplitPane middle = new SplitPane(centre, editor.problems());
    middle.setOrientation(Orientation.VERTICAL);
    middle.setDividerPositions(0.74);
    SplitPane outer = new SplitPane(editor.outline(), middle);
    outer.setDividerPositions(0.18);
    // The host's containers, drawn cheaply (host.css); the kit's views keep the default theme.
    for (var container : List.of(properties, centre, middle, outer)) {
      container.getStyleClass().add("bench-host");
    }
    window.setCenter(outer);
    // As the workbench does with a document it opens: its graph has the keyboard.
    editor.canvas().requestFocus();
    return editor;
  }

  private static Runnable timed(Runnable r, List<Double> into) {
    return () -> {
      long t0 = System.nanoTime();
      r.run();
      if (into != null) {
        into.add((System.nanoTime() - t0) / 1e6);
      }
    };
  }

  private static List<Time> time(Supplier<?> work) {
    return timeEach(() -> null, x -> work.get());
  }

  /** Times {@code work} (wall and this thread's CPU) on a fresh {@code setup} value. */
  private static <T> List<Time> timeEach(Supplier<T> setup, Function<T, ?> work) {
    var threads = ManagementFactory.getThreadMXBean();
    List<Time> out = new ArrayList<>();
    for (int i = 0; i < WARMUP + RUNS; i++) {
      T value = setup.get();
      long c0 = threads.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      work.apply(value);
      if (i >= WARMUP) {
        out.add(
            new Time(
                (System.nanoTime() - t0) / 1e6, (threads.getCurrentThreadCpuTime() - c0) / 1e6));
      }
    }
    return out;
  }
}
