package io.stellwerk.node.federation;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every neighbour link shares: its sync state, when the neighbour was last heard, and the
 * deadline rule — a neighbour silent past the deadline is down, and the link's sockets are
 * recreated, because ZeroMQ alone does not notice a cut link.
 */
abstract class LinkSession {

  private static final Logger log = LoggerFactory.getLogger(LinkSession.class);

  final StationContext ctx;
  LinkState state = LinkState.DOWN;
  long lastHeardNanos;
  private long openedNanos = Long.MIN_VALUE;
  private int fruitless;

  LinkSession(StationContext ctx) {
    this.ctx = ctx;
  }

  /** Creates the link's sockets; {@code now} counts as the last time the neighbour was heard. */
  abstract void open(long now);

  /** Closes the link's sockets. */
  abstract void close();

  /** The neighbour, as log lines name it ("parent root[primary]", "child root.s1"). */
  abstract String neighbour();

  /** The longest wait between two recreations of a link that stays silent. */
  static final long MAX_BACKOFF_NANOS = 4_000_000_000L;

  /**
   * How long to leave new sockets alone before recreating them again: the deadline at first, then
   * doubling while recreations bring nothing, up to {@link #MAX_BACKOFF_NANOS} (but never below the
   * deadline). A CURVE handshake costs milliseconds of pure-Java crypto, seconds on a loaded
   * machine; recreating every deadline would cut each handshake before it completes.
   */
  static long backoff(long deadlineNanos, int fruitless) {
    long grown = deadlineNanos << Math.min(fruitless, 20);
    return Math.max(deadlineNanos, Math.min(grown, MAX_BACKOFF_NANOS));
  }

  /**
   * When the neighbour was last heard for the deadline rule: by default any message of it. A link
   * can count less (a child's link to its parent counts only the exchange's replies while one
   * runs).
   */
  long heardNanos() {
    return lastHeardNanos;
  }

  /** Whether the link has shown it works since {@code nanos} (ends the backoff). */
  boolean workedSince(long nanos) {
    return lastHeardNanos > nanos;
  }

  /**
   * Marks the link down and recreates its sockets when the neighbour is silent past the deadline
   * (backing off while recreations bring nothing).
   */
  boolean tick(long now, long deadlineNanos) {
    long heard = heardNanos();
    if (workedSince(openedNanos)) {
      fruitless = 0;
    }
    if (now - heard <= backoff(deadlineNanos, fruitless)) {
      return false;
    }
    if (state != LinkState.DOWN) {
      if (heard < lastHeardNanos) {
        log.warn(
            "{} heard but no answer to the sync exchange for {} ms: reconnecting",
            neighbour(),
            (now - heard) / 1_000_000);
      } else {
        log.warn(
            "{} silent for {} ms: link down, reconnecting", neighbour(), heartbeatAgeMillis(now));
      }
    }
    state = state.to(LinkState.DOWN);
    close();
    open(now);
    openedNanos = lastHeardNanos;
    fruitless++;
    ctx.counters.linkRecreations++;
    return true;
  }

  long heartbeatAgeMillis(long now) {
    return (now - lastHeardNanos) / 1_000_000;
  }

  boolean live() {
    return state == LinkState.LIVE;
  }
}
