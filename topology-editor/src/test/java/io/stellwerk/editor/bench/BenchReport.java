package io.stellwerk.editor.bench;

import io.stellwerk.editor.bench.FxTimer.Time;
import io.stellwerk.editor.view.TopologyEditor;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The JSON lines the editor's benchmarks print: the run's header, one line per figure, and the drag
 * figures, which the kit's benchmark and the workbench's measure alike.
 */
public final class BenchReport {

  /** A frame at 60 Hz: the bound the issue sets on every FX task during a drag. */
  private static final double FRAME_MS = 16.0;

  private BenchReport() {}

  /** The first line: what ran, on what, with which JVM options. */
  public static void header(String bench, Path file, int nodes) {
    System.out.printf(
        Locale.ROOT,
        "{\"bench\":\"%s\",\"file\":\"%s\",\"nodes\":%d,\"cores\":%d,\"load_average\":%.2f,"
            + "\"jvm_options\":\"%s\"}%n",
        bench,
        file.getFileName(),
        nodes,
        Runtime.getRuntime().availableProcessors(),
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
        String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments())
            .replace("\\", "\\\\")
            .replace("\"", "\\\""));
  }

  /**
   * Drags the last leaf of the editor's topology onto the root's first child {@code gestures} times
   * ({@link DragProbe}) and prints the figures, with the CPU every thread used meanwhile.
   */
  public static void drags(TopologyEditor editor, int gestures, int steps) throws Exception {
    // How big the graph is drawn where the drags run: the paint's and the hit test's cost follow.
    System.out.println(
        FxTimer.onFx(
            () ->
                String.format(
                    Locale.ROOT,
                    "{\"figure\":\"drag_canvas\",\"width\":%.0f,\"height\":%.0f,\"zoom\":%.3f}",
                    editor.canvas().getWidth(),
                    editor.canvas().getHeight(),
                    editor.canvas().zoomFactor())));
    ThreadCpu before = ThreadCpu.now();
    DragProbe.Result drag = new DragProbe(editor).run(gestures, steps);
    // What else used the cores while the drags were timed (the renderer, the JIT compiler, ...).
    System.out.println(ThreadCpu.now().since(before, "drag_phase_threads"));
    // The pointer's moves onto the node, then the press (it selects the node, and the properties
    // show it): with its pulse, and the handler alone; then each mouse event.
    report("fx_approach", drag.approaches());
    report("fx_press", drag.presses());
    report("fx_press_handler", drag.pressHandlers());
    report("fx_press_pulse", drag.pressPulses());
    report("fx_drag_event", drag.moves());
    // The pulse after each mouse event alone, a piece of work of its own on the FX thread.
    report("fx_drag_event_pulse", drag.movePulses());
    report("fx_drop_commit_first", drag.drops().subList(0, 1));
    report("fx_drop_commit", drag.drops().subList(1, drag.drops().size()));
    // The same drops as JavaFX schedules them: the release handler (the move command, selection)
    // and the pulse after it (CSS, layout, paint) are separate pieces of work on the FX thread.
    report("fx_drop_handler", drag.dropTasks());
    report("fx_drop_pulse", drag.dropPulses());
    // The outline follows an edit in the pulse after the edit's own (OutlineView).
    report("fx_drop_next_pulse", drag.dropNextPulses());
    report("fx_undo_move", drag.undos());
    report("fx_undo_next_pulse", drag.undoNextPulses());
  }

  /** Wall times with nothing else measured. */
  public static List<Time> wallOnly(List<Double> ms) {
    return ms.stream().map(m -> new Time(m, Double.NaN)).toList();
  }

  /** One figure's line: median, p95 and max, and whatever else its times measured. */
  public static void report(String name, List<Time> times) {
    List<Double> wall = sorted(times, Time::wall);
    StringBuilder line =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "{\"figure\":\"%s\",\"unit\":\"ms\",\"n\":%d,\"median\":%.2f,\"p95\":%.2f,"
                    + "\"max\":%.2f",
                name,
                wall.size(),
                median(wall),
                p95(wall),
                wall.get(wall.size() - 1)));
    if (!times.isEmpty() && !Double.isNaN(times.get(0).cpu())) {
      List<Double> cpu = sorted(times, Time::cpu);
      line.append(
          String.format(
              Locale.ROOT,
              ",\"cpu_median\":%.2f,\"cpu_p95\":%.2f,\"cpu_max\":%.2f",
              median(cpu),
              p95(cpu),
              cpu.get(cpu.size() - 1)));
    }
    if (!times.isEmpty() && !Double.isNaN(times.get(0).gc())) {
      // Which samples exceed a frame, and how many still do once the collector's pauses inside
      // them are taken out (the collector stops every thread; that is not the editor's work).
      line.append(
          String.format(
              Locale.ROOT,
              ",\"over_frame\":%d,\"over_frame_net_of_gc\":%d,\"gc_ms\":%.0f",
              times.stream().filter(t -> t.wall() > FRAME_MS).count(),
              times.stream().filter(t -> t.wall() - t.gc() > FRAME_MS).count(),
              times.stream().mapToDouble(Time::gc).sum()));
    }
    if (!times.isEmpty() && !Double.isNaN(times.get(0).afterLayout())) {
      // The longest time the FX thread spent on a pulse after its layout: waiting for the render
      // thread to finish the previous frame, then handing it this one.
      line.append(
          String.format(
              Locale.ROOT,
              ",\"after_layout_max\":%.2f",
              times.stream().mapToDouble(Time::afterLayout).max().orElse(0)));
    }
    if (!times.isEmpty() && !Double.isNaN(times.get(0).queued())) {
      // How long the thread waited for a core, and the first ten samples over a frame each as its
      // index (in the order taken), wall, CPU, waiting for a core and after layout: what the FX
      // thread did itself and what it waited for.
      List<Double> queued = sorted(times, Time::queued);
      line.append(
          String.format(
              Locale.ROOT,
              ",\"queued_median\":%.2f,\"queued_max\":%.2f",
              median(queued),
              queued.get(queued.size() - 1)));
      line.append(
          IntStream.range(0, times.size())
              .filter(i -> times.get(i).wall() > FRAME_MS)
              .limit(10)
              .mapToObj(
                  i ->
                      String.format(
                          Locale.ROOT,
                          "[%d,%.1f,%.1f,%.1f,%.1f]",
                          i,
                          times.get(i).wall(),
                          times.get(i).cpu(),
                          times.get(i).queued(),
                          times.get(i).afterLayout()))
              .collect(
                  Collectors.joining(
                      ",", ",\"over_frame_index_wall_cpu_queued_after_layout\":[", "]")));
    }
    System.out.println(line.append('}'));
  }

  /** One measure of every sample, in ascending order. */
  private static List<Double> sorted(List<Time> times, ToDoubleFunction<Time> measure) {
    List<Double> s = new ArrayList<>(times.stream().map(measure::applyAsDouble).toList());
    Collections.sort(s);
    return s;
  }

  private static double median(List<Double> s) {
    return s.get(s.size() / 2);
  }

  private static double p95(List<Double> s) {
    return s.get(Math.min(s.size() - 1, (int) Math.ceil(s.size() * 0.95) - 1));
  }
}
