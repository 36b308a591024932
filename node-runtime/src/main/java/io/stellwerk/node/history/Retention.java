package io.stellwerk.node.history;

import java.time.Duration;

/**
 * How long a station keeps history and how much space it may take. Pruning runs in the background
 * every {@code interval}, deletes the oldest records first and remembers what it deleted, so a
 * replica can tell "no data" from "pruned before I got it".
 *
 * @param maxAge records older than this are pruned ({@code null}: no age limit)
 * @param maxBytes when the store uses more than this, the oldest records are pruned (0: no size
 *     limit other than the store's hard limit)
 * @param limitBytes the store's hard limit: past it writes fail, the station raises an alarm and
 *     buffers
 * @param interval how often pruning runs
 */
public record Retention(Duration maxAge, long maxBytes, long limitBytes, Duration interval) {

  /** The default hard limit of a store: 1 GiB. */
  public static final long DEFAULT_LIMIT = 1L << 30;

  /** No age limit; prune to 80 % of a 1 GiB store; check every second. */
  public static Retention defaults() {
    return new Retention(null, DEFAULT_LIMIT / 10 * 8, DEFAULT_LIMIT, Duration.ofSeconds(1));
  }

  public Retention withMaxAge(Duration age) {
    return new Retention(age, maxBytes, limitBytes, interval);
  }

  public Retention withSize(long maxBytes, long limitBytes) {
    return new Retention(maxAge, maxBytes, limitBytes, interval);
  }

  public Retention withInterval(Duration d) {
    return new Retention(maxAge, maxBytes, limitBytes, d);
  }
}
