package io.stellwerk.node.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * What this box gives a station, measured with none of Stellwerk's code: the figures that the
 * latency tails of the other benches and of the workbench depend on, so that figures taken on
 * different days or boxes can be told apart from changes in the code (a virtual machine can be
 * several times slower at these on one day than on another).
 *
 * <ul>
 *   <li>{@code cpu_steadiness}: one fixed piece of arithmetic (about {@code unitMillis} of CPU, no
 *       allocation, data in the first-level cache) timed over and over by the thread's CPU time and
 *       by wall time, with a short sleep between pieces as an event loop has. On a dedicated core
 *       the CPU time of identical work hardly varies; on a shared virtual CPU the time the host
 *       takes the core away is counted as the guest thread's CPU time, so the tail shows it.
 *   <li>{@code wakeup}: how late a thread parked for one millisecond runs again, and how long a
 *       thread parked on a signal takes to run after another thread unparks it: the hand-over every
 *       message makes between a station's loop and jeromq's I/O threads, and every frame between
 *       the JavaFX thread and its renderer.
 *   <li>{@code first_touch}: milliseconds per megabyte to zero memory never touched before, what a
 *       JVM pays as its heap grows into fresh pages.
 * </ul>
 */
public final class MachineBench {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long WARMUP_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
  private static final long GAP_NANOS = TimeUnit.MILLISECONDS.toNanos(3);
  private static final long SLEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

  private final PrintWriter out;
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final long[] work = new long[2048];
  // Keeps the arithmetic's result alive, so the compiler cannot leave the work out.
  private volatile long sink;

  public MachineBench(PrintWriter out) {
    this.out = out;
  }

  /**
   * Measures each figure for {@code seconds} (first touch: {@code touchMb} megabytes) and prints
   * one JSON line per figure.
   */
  public void run(int seconds, double unitMillis, int touchMb) {
    if (seconds < 1 || unitMillis <= 0 || unitMillis > 100 || touchMb < 1 || touchMb > 2047) {
      throw new IllegalArgumentException(
          "--duration must be at least 1 s, --unit between 0 and 100 ms, --touch between 1 and"
              + " 2047 MB");
    }
    if (!threads.isCurrentThreadCpuTimeSupported()) {
      throw new IllegalStateException("this JVM cannot read a thread's CPU time");
    }
    threads.setThreadCpuTimeEnabled(true);
    long deadline = TimeUnit.SECONDS.toNanos(seconds);
    print(cpuSteadiness(unitMillis, deadline));
    print(wakeup(deadline));
    print(firstTouch(touchMb));
  }

  private ObjectNode cpuSteadiness(double unitMillis, long nanos) {
    long rounds = 1;
    long warmEnd = System.nanoTime() + WARMUP_NANOS;
    while (System.nanoTime() < warmEnd) {
      arithmetic(rounds);
    }
    // Rounds for one unit, from the CPU time of a run of known length.
    long probe = 1_000;
    long cpu = 0;
    while (cpu < TimeUnit.MILLISECONDS.toNanos(20)) {
      probe *= 2;
      long start = threads.getCurrentThreadCpuTime();
      arithmetic(probe);
      cpu = threads.getCurrentThreadCpuTime() - start;
    }
    rounds = Math.max(1, (long) (probe * unitMillis * 1e6 / cpu));
    Histogram cpuTimes = histogram();
    Histogram wallTimes = histogram();
    long end = System.nanoTime() + nanos;
    while (System.nanoTime() < end) {
      long wall = System.nanoTime();
      long start = threads.getCurrentThreadCpuTime();
      arithmetic(rounds);
      record(cpuTimes, threads.getCurrentThreadCpuTime() - start);
      record(wallTimes, System.nanoTime() - wall);
      LockSupport.parkNanos(GAP_NANOS);
    }
    ObjectNode line = line("cpu_steadiness");
    line.put("units", cpuTimes.getTotalCount());
    line.set("cpu_ms", percentiles(cpuTimes));
    line.set("wall_ms", percentiles(wallTimes));
    line.put(
        "cpu_max_over_p50",
        round((double) cpuTimes.getMaxValue() / cpuTimes.getValueAtPercentile(50)));
    return line;
  }

  /** A fixed amount of integer arithmetic over a small array, result kept. */
  private void arithmetic(long rounds) {
    long x = sink | 1;
    for (long r = 0; r < rounds; r++) {
      for (int i = 0; i < work.length; i++) {
        x = x * 6364136223846793005L + 1442695040888963407L;
        work[i] ^= x;
      }
    }
    sink = x ^ work[(int) (x & (work.length - 1))];
  }

  private ObjectNode wakeup(long nanos) {
    Histogram late = histogram();
    long end = System.nanoTime() + nanos / 2;
    while (System.nanoTime() < end) {
      long start = System.nanoTime();
      LockSupport.parkNanos(SLEEP_NANOS);
      record(late, Math.max(0, System.nanoTime() - start - SLEEP_NANOS));
    }
    Histogram handover = histogram();
    AtomicLong stamp = new AtomicLong();
    Thread receiver =
        new Thread(
            () -> {
              while (true) {
                long sent = stamp.get();
                if (sent > 0) {
                  record(handover, System.nanoTime() - sent);
                  stamp.set(0);
                } else if (sent < 0) {
                  return;
                } else {
                  LockSupport.park();
                }
              }
            },
            "machine-bench-receiver");
    receiver.start();
    end = System.nanoTime() + nanos / 2;
    while (System.nanoTime() < end) {
      LockSupport.parkNanos(SLEEP_NANOS);
      // Only when the receiver has taken the last one and gone back to waiting for the next.
      if (stamp.get() == 0 && receiver.getState() == Thread.State.WAITING) {
        stamp.set(System.nanoTime());
        LockSupport.unpark(receiver);
      }
    }
    while (!stamp.compareAndSet(0, -1)) {
      Thread.onSpinWait();
    }
    LockSupport.unpark(receiver);
    try {
      receiver.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    ObjectNode line = line("wakeup");
    line.set("sleep_1ms_late_ms", percentiles(late));
    line.set("handover_ms", percentiles(handover));
    line.put("handovers", handover.getTotalCount());
    return line;
  }

  private ObjectNode firstTouch(int megabytes) {
    long start = System.nanoTime();
    // Direct buffers come from fresh pages of the process and are zeroed when allocated.
    ByteBuffer fresh;
    try {
      fresh = ByteBuffer.allocateDirect(megabytes << 20);
    } catch (OutOfMemoryError e) {
      throw new IllegalArgumentException(
          "--touch "
              + megabytes
              + " MB is more than this JVM may take outside its heap (-XX:MaxDirectMemorySize)",
          e);
    }
    double ms = (System.nanoTime() - start) / 1e6;
    sink ^= fresh.get(megabytes << 19);
    ObjectNode line = line("first_touch");
    line.put("mb", megabytes);
    line.put("ms_per_mb", round(ms / megabytes));
    return line;
  }

  private static Histogram histogram() {
    return new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
  }

  // The hand-over histogram is written by the receiver thread and read after joining it.
  private static void record(Histogram h, long nanos) {
    h.recordValue(Math.min(nanos, h.getHighestTrackableValue()));
  }

  private static ObjectNode percentiles(Histogram h) {
    ObjectNode ms = JSON.createObjectNode();
    ms.put("p50", round(h.getValueAtPercentile(50) / 1e6));
    ms.put("p99", round(h.getValueAtPercentile(99) / 1e6));
    ms.put("max", round(h.getMaxValue() / 1e6));
    return ms;
  }

  private static ObjectNode line(String figure) {
    ObjectNode line = JSON.createObjectNode();
    line.put("bench", "machine");
    line.put("figure", figure);
    line.put("cores", Runtime.getRuntime().availableProcessors());
    line.put("load_1m", round(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
    return line;
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }

  private void print(ObjectNode line) {
    out.println(line.toString());
    out.flush();
  }
}
