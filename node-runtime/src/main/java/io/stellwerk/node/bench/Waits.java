package io.stellwerk.node.bench;

import io.stellwerk.node.launcher.StationProbe;
import io.stellwerk.node.topology.Topology;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/** Polling waits for the benchmarks (conditions, never guessed sleeps). */
final class Waits {

  private Waits() {}

  static void until(BooleanSupplier condition, Duration within) throws InterruptedException {
    long end = System.nanoTime() + within.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new IllegalStateException(
            "condition not reached within " + within.toSeconds() + " s");
      }
      Thread.sleep(50);
    }
  }

  /** Polls a counter until two readings 300 ms apart agree, and returns it. */
  static long stable(LongSupplier counter) throws InterruptedException {
    long last = counter.getAsLong();
    while (true) {
      Thread.sleep(300);
      long now = counter.getAsLong();
      if (now == last) {
        return now;
      }
      last = now;
    }
  }

  static void allLinksLive(StationProbe probe, Topology t, Duration within)
      throws InterruptedException {
    until(() -> probe.allLinksLive(t, Duration.ofMillis(500)), within);
  }
}
