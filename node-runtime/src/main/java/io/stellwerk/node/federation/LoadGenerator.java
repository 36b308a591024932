package io.stellwerk.node.federation;

import io.stellwerk.node.dim.Quality;
import io.stellwerk.node.dim.Value;

/**
 * Synthetic writes for benchmarks: the node writes {@code <node>/bench/k<i>} at a steady rate, each
 * value being the monotonic clock at the write, so every replica can measure how long the update
 * took to reach it (processes on one machine share that clock).
 */
final class LoadGenerator {

  private final CommandExecutor writer;
  private final String prefix;
  private double rate;
  private int keys;
  private long startNanos;
  private long endNanos;
  private long written;

  LoadGenerator(CommandExecutor writer, String nodeId) {
    this.writer = writer;
    this.prefix = nodeId + "/bench/k";
  }

  void start(double perSecond, int keyCount, long durationNanos, long now) {
    rate = perSecond;
    keys = Math.max(1, keyCount);
    startNanos = now;
    endNanos = now + durationNanos;
    written = 0;
  }

  boolean active(long now) {
    return rate > 0 && now < endNanos;
  }

  long written() {
    return written;
  }

  /** Writes what is due by now, at most one burst per turn to keep the loop responsive. */
  void tick(long now) {
    if (!active(now)) {
      return;
    }
    long due = (long) ((now - startNanos) / 1e9 * rate) - written;
    long burst = Math.min(due, 20_000);
    long ms = System.currentTimeMillis();
    for (long i = 0; i < burst; i++) {
      writer.write(prefix + (written % keys), Value.of(System.nanoTime()), Quality.GOOD, ms, false);
      written++;
    }
  }

  /** Writes {@code count} keys once, for snapshot benchmarks. */
  void fill(int count) {
    long ms = System.currentTimeMillis();
    for (int i = 0; i < count; i++) {
      writer.write(prefix + i, Value.of(System.nanoTime()), Quality.GOOD, ms, false);
    }
  }
}
