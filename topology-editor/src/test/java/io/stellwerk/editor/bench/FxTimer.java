package io.stellwerk.editor.bench;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;

/**
 * Times work on the FX thread the way a frame pays for it: the task itself, then the whole pulse
 * that follows: its CSS pass, layout pass and post-layout work (the canvas records its drawing
 * there), and what the FX thread does after them before it is free again: wait until the render
 * thread has finished rasterising the previous frame, then copy the scene's changes over to it.
 * Both wall time and the FX thread's CPU time are kept: on the shared, loaded machine the wall time
 * includes waiting for a core, the CPU time is the work itself. How much of a pulse's wall time
 * came after its layout (mostly that wait for the renderer) is kept too.
 *
 * <p>Each time also says how much of it the collector held every thread stopped (what the
 * collectors' total pause time grew by in between). The counters are read inside the timed
 * interval, after its start and before its end: a pause that ends between two readings cannot have
 * begun before the first (the timing thread was running then), so what is charged to the collector
 * certainly fell into the interval, and a pause at its very edges is left as the work's.
 */
public final class FxTimer {

  /**
   * One measurement, in milliseconds: wall time, the thread's CPU time, the collectors' pause time
   * within it, the part of the wall time a pulse spent after its layout pass, waiting for the
   * render thread and handing it the frame (0 for a task), and how long the thread was ready to run
   * but waited for a core ({@code queued}, the kernel's run-queue delay). {@code NaN} where not
   * measured.
   */
  public record Time(double wall, double cpu, double gc, double afterLayout, double queued) {
    public Time(double wall, double cpu) {
      this(wall, cpu, Double.NaN, Double.NaN, Double.NaN);
    }

    public Time plus(Time o) {
      return new Time(
          wall + o.wall, cpu + o.cpu, gc + o.gc, afterLayout + o.afterLayout, queued + o.queued);
    }
  }

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  /**
   * The collectors' beans that count stop-the-world time. Concurrent collectors also have a bean
   * for their whole cycles ("Shenandoah Cycles", "ZGC Cycles"), which run beside the application:
   * left out.
   */
  private static final List<GarbageCollectorMXBean> COLLECTORS =
      ManagementFactory.getGarbageCollectorMXBeans().stream()
          .filter(c -> !c.getName().endsWith("Cycles"))
          .toList();

  /** The collectors' total pause time so far, in milliseconds. */
  private static long gcMillis() {
    long sum = 0;
    for (GarbageCollectorMXBean c : COLLECTORS) {
      sum += Math.max(0, c.getCollectionTime());
    }
    return sum;
  }

  /**
   * This thread's run-queue delay so far in nanoseconds: the time it was ready to run and waited
   * for a core (the second field of Linux's {@code /proc/thread-self/schedstat}); -1 where the
   * kernel does not say. The file is opened once per thread and read again in place, so reading it
   * allocates nothing on the thread being timed (reading it as a string allocated ~30 MB on the FX
   * thread per run, garbage that changes what is measured).
   */
  private static long queuedNanos() {
    return SCHEDSTAT.get().queued();
  }

  private static final ThreadLocal<Schedstat> SCHEDSTAT = ThreadLocal.withInitial(Schedstat::open);

  /** The calling thread's schedstat file, open. */
  private static final class Schedstat {
    private final FileChannel file;
    private final ByteBuffer buffer = ByteBuffer.allocate(128);

    private Schedstat(FileChannel file) {
      this.file = file;
    }

    static Schedstat open() {
      try {
        return new Schedstat(FileChannel.open(Path.of("/proc/thread-self/schedstat")));
      } catch (IOException | RuntimeException e) {
        return new Schedstat(null);
      }
    }

    /** The second of the file's space-separated numbers, or -1. */
    long queued() {
      if (file == null) {
        return -1;
      }
      try {
        buffer.clear();
        file.read(buffer, 0);
      } catch (IOException e) {
        return -1;
      }
      long value = -1;
      int field = 0;
      for (int i = 0; i < buffer.position(); i++) {
        byte b = buffer.get(i);
        if (b == ' ') {
          if (++field > 1) {
            break;
          }
        } else if (field == 1 && b >= '0' && b <= '9') {
          value = (value < 0 ? 0 : value * 10) + (b - '0');
        }
      }
      return value;
    }
  }

  /** Where a timed interval began: read in this order, the end in the reverse. */
  private record Start(long wall, long gc, long queued, long cpu) {
    static Start now() {
      long wall = System.nanoTime();
      long gc = gcMillis();
      long queued = queuedNanos();
      return new Start(wall, gc, queued, THREADS.getCurrentThreadCpuTime());
    }

    Time end() {
      return end(-1);
    }

    /** The time since the start; {@code laidOut} is when the pulse's layout work ended, or -1. */
    Time end(long laidOut) {
      long cpuEnd = THREADS.getCurrentThreadCpuTime();
      long queuedEnd = queuedNanos();
      long gcEnd = gcMillis();
      long now = System.nanoTime();
      return new Time(
          (now - wall) / 1e6,
          (cpuEnd - cpu) / 1e6,
          (double) (gcEnd - gc),
          laidOut < 0 ? 0 : (now - laidOut) / 1e6,
          queued < 0 || queuedEnd < 0 ? Double.NaN : (queuedEnd - queued) / 1e6);
    }
  }

  private FxTimer() {}

  /** Runs {@code work} on the FX thread and times it and the pulse after it. */
  public static <T> Measured<T> frame(Scene scene, Callable<T> work) throws Exception {
    return frames(scene, work, false);
  }

  /**
   * Runs {@code work} on the FX thread and times it, the pulse after it, and the pulse after that
   * ({@link Measured#next}): views that follow an edit a frame late (the outline) do their part
   * there.
   */
  public static <T> Measured<T> frameAndNext(Scene scene, Callable<T> work) throws Exception {
    return frames(scene, work, true);
  }

  private static <T> Measured<T> frames(Scene scene, Callable<T> work, boolean next)
      throws Exception {
    CompletableFuture<Time> pulse = new CompletableFuture<>();
    CompletableFuture<Time> second = next ? new CompletableFuture<>() : null;
    Ran<T> task =
        onFx(
            () -> {
              Start start = Start.now();
              T value = work.call();
              Time t = start.end();
              armPulse(scene, pulse, second);
              return new Ran<>(value, t);
            });
    return new Measured<>(
        task.value(),
        task.time(),
        pulse.get(60, TimeUnit.SECONDS),
        second == null ? null : second.get(60, TimeUnit.SECONDS));
  }

  /**
   * Times the next pulse from its pre-layout listeners (which run before its CSS pass) to the
   * moment the FX thread is free again: a task posted from its post-layout listeners runs once the
   * pulse has returned, that is after it has waited for the renderer and handed over the frame. The
   * post-layout listener is registered after the task, so it runs after the canvas's paint
   * listener, which the task caused. With {@code then}, the pulse after it is timed too, from a
   * pre-layout listener registered while the first pulse starts: before anything that the first
   * pulse's own listeners put into the second, so the whole of that pulse is counted.
   */
  private static void armPulse(
      Scene scene, CompletableFuture<Time> done, CompletableFuture<Time> then) {
    Start[] start = new Start[1];
    Runnable[] hooks = new Runnable[2];
    hooks[0] =
        () -> {
          start[0] = Start.now();
          scene.removePreLayoutPulseListener(hooks[0]);
          // Listener lists are copied when a pulse runs them: added now, this one runs at the end
          // of this pulse, and a pre-layout listener added now runs at the start of the next.
          scene.addPostLayoutPulseListener(hooks[1]);
          if (then != null) {
            armPulse(scene, then, null);
          }
        };
    hooks[1] =
        () -> {
          scene.removePostLayoutPulseListener(hooks[1]);
          long laidOut = System.nanoTime();
          Platform.runLater(() -> done.complete(start[0].end(laidOut)));
        };
    scene.addPreLayoutPulseListener(hooks[0]);
    Platform.requestNextPulse();
  }

  /** A task's value and its own time, before its pulse has run. */
  private record Ran<T>(T value, Time time) {}

  /**
   * A value and the time it took: the task, and the pulse after it (CSS, layout, paint), which
   * JavaFX runs as a separate piece of work on the FX thread.
   */
  public record Measured<T>(T value, Time task, Time pulse, Time next) {
    /** The task and its pulse: what the frame that shows the task's result costs. */
    public Time time() {
      return task.plus(pulse);
    }
  }

  /** Runs {@code work} on the FX thread and waits for its value. */
  public static <T> T onFx(Callable<T> work) throws Exception {
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
}
