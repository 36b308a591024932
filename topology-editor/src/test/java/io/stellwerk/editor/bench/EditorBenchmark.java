package io.stellwerk.editor.bench;

import io.stellwerk.editor.canvas.TreeLayout;
import io.stellwerk.editor.command.Edits;
import io.stellwerk.editor.document.TopologyDocument;
import io.stellwerk.editor.view.TopologyEditor;
import io.stellwerk.node.topology.TopologyLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;

/**
 * Measures the editor on a large topology and prints one JSON line per figure: open (read, parse,
 * validate), layout, the first render of all views on the FX thread, live validation after an edit,
 * and the FX-thread time of every event of a drag across the canvas. Runs headless (Monocle).
 *
 * <p>{@code ./mvnw -q -pl topology-editor test-compile exec:exec} (runs on examples/large.yaml).
 */
public final class EditorBenchmark {

  private static final int WARMUP = 5;
  private static final int RUNS = 20;

  private EditorBenchmark() {}

  /** Runs the benchmark on the file given as the first argument. */
  public static void main(String[] args) throws Exception {
    System.setProperty("glass.platform", "Monocle");
    System.setProperty("monocle.platform", "Headless");
    System.setProperty("prism.order", "sw");
    Path file = Path.of(args.length > 0 ? args[0] : "examples/large.yaml");
    String text = Files.readString(file);
    int nodes = TopologyLoader.parse("bench", text).topology().nodes().size();
    System.out.printf(
        Locale.ROOT,
        "{\"bench\":\"editor\",\"file\":\"%s\",\"nodes\":%d,\"cores\":%d,\"load_average\":%.2f}%n",
        file.getFileName(),
        nodes,
        Runtime.getRuntime().availableProcessors(),
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());

    report(
        "open_read_parse_validate",
        time(
            () -> {
              try {
                return TopologyDocument.open(
                    "large.yaml", file, Files.readString(file), Runnable::run, Runnable::run);
              } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            }));
    TopologyDocument doc = open(text);
    report("layout", time(() -> TreeLayout.of(doc.topology())));
    report(
        "validate_after_edit",
        time(
            () -> {
              TopologyDocument d = open(text);
              d.edit(
                  () ->
                      Edits.set(
                          d.topology(),
                          d.topology().root().id(),
                          io.stellwerk.editor.model.NodeField.PRIMARY_PORT,
                          "7600"));
              return d;
            }));

    CompletableFuture<Void> started = new CompletableFuture<>();
    Platform.startup(() -> started.complete(null));
    started.get(30, TimeUnit.SECONDS);
    report("fx_first_render_all_views", fxTimes(() -> render(text)));
    report("open_layout_validate_render_total", fxTotal(text, file));
    // As in the workbench, live validation after the drop runs on its own thread.
    java.util.concurrent.ExecutorService validation =
        java.util.concurrent.Executors.newSingleThreadExecutor();
    DragProbe.Result drag =
        onFx(
            () -> {
              TopologyEditor editor =
                  render(
                      TopologyDocument.open(
                          "large.yaml", null, text, validation, Platform::runLater));
              return new DragProbe(editor).run();
            });
    report("fx_drag_event", drag.moves());
    report("fx_drop_commit", List.of(drag.dropMillis()));
    Platform.exit();
    // Monocle's event thread does not end with Platform.exit; the figures are out, so stop here.
    System.exit(0);
  }

  private static TopologyDocument open(String text) {
    return TopologyDocument.open("large.yaml", null, text, Runnable::run, Runnable::run);
  }

  /** Builds every view of a fresh document on a stage and lays it out once. */
  static TopologyEditor render(String text) {
    return render(open(text));
  }

  static TopologyEditor render(TopologyDocument document) {
    TopologyEditor editor = new TopologyEditor(document, (t, q) -> true);
    BorderPane pane = new BorderPane(editor.canvas());
    pane.setLeft(editor.outline());
    pane.setRight(editor.properties());
    pane.setBottom(editor.problems());
    Stage stage = new Stage();
    stage.setScene(new Scene(pane, 1280, 800));
    stage.show();
    pane.applyCss();
    pane.layout();
    editor.canvas().fitToWindow();
    return editor;
  }

  private static List<Double> fxTimes(Supplier<?> work) throws Exception {
    List<Double> out = new ArrayList<>();
    for (int i = 0; i < WARMUP + RUNS; i++) {
      double ms =
          onFx(
              () -> {
                long t0 = System.nanoTime();
                work.get();
                return (System.nanoTime() - t0) / 1e6;
              });
      if (i >= WARMUP) {
        out.add(ms);
      }
    }
    return out;
  }

  /** Reading and validating off the FX thread, then layout and first render on it. */
  private static List<Double> fxTotal(String unused, Path file) throws Exception {
    List<Double> out = new ArrayList<>();
    for (int i = 0; i < WARMUP + RUNS; i++) {
      long t0 = System.nanoTime();
      String text = Files.readString(file);
      TopologyDocument d = open(text);
      onFx(
          () -> {
            TopologyEditor editor = new TopologyEditor(d, (t, q) -> true);
            Stage stage = new Stage();
            stage.setScene(new Scene(new BorderPane(editor.canvas()), 1280, 800));
            stage.show();
            stage.getScene().getRoot().applyCss();
            stage.getScene().getRoot().layout();
            return editor;
          });
      if (i >= WARMUP) {
        out.add((System.nanoTime() - t0) / 1e6);
      }
    }
    return out;
  }

  private static List<Double> time(Supplier<?> work) {
    List<Double> out = new ArrayList<>();
    for (int i = 0; i < WARMUP + RUNS; i++) {
      long t0 = System.nanoTime();
      work.get();
      if (i >= WARMUP) {
        out.add((System.nanoTime() - t0) / 1e6);
      }
    }
    return out;
  }

  static <T> T onFx(java.util.concurrent.Callable<T> work) throws Exception {
    CompletableFuture<T> f = new CompletableFuture<>();
    Platform.runLater(
        () -> {
          try {
            f.complete(work.call());
          } catch (Throwable t) {
            f.completeExceptionally(t);
          }
        });
    return f.get(60, TimeUnit.SECONDS);
  }

  private static void report(String name, List<Double> ms) {
    List<Double> s = new ArrayList<>(ms);
    Collections.sort(s);
    double median = s.get(s.size() / 2);
    double p95 = s.get(Math.min(s.size() - 1, (int) Math.ceil(s.size() * 0.95) - 1));
    System.out.printf(
        Locale.ROOT,
        "{\"figure\":\"%s\",\"unit\":\"ms\",\"n\":%d,\"median\":%.2f,\"p95\":%.2f,\"max\":%.2f}%n",
        name,
        s.size(),
        median,
        p95,
        s.get(s.size() - 1));
  }
}
