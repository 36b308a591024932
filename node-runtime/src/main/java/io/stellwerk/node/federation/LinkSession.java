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

  LinkSession(StationContext ctx) {
    this.ctx = ctx;
  }

  /** Creates the link's sockets; {@code now} counts as the last time the neighbour was heard. */
  abstract void open(long now);

  /** Closes the link's sockets. */
  abstract void close();

  /** The neighbour, as log lines name it ("parent root[primary]", "child root.s1"). */
  abstract String neighbour();

  /**
   * Marks the link down and recreates its sockets when the neighbour is silent past the deadline.
   */
  boolean tick(long now, long deadlineNanos) {
    if (now - lastHeardNanos <= deadlineNanos) {
      return false;
    }
    if (state != LinkState.DOWN) {
      log.warn(
          "{} silent for {} ms: link down, reconnecting", neighbour(), heartbeatAgeMillis(now));
    }
    state = state.to(LinkState.DOWN);
    close();
    open(now);
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
