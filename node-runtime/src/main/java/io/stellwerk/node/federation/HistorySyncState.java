package io.stellwerk.node.federation;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The states of a parent's history sync with one child station, with the legal transitions.
 *
 * <pre>
 * DOWN ──child's head heard──▶ DELTA ──last chunk applied──▶ LIVE
 *   ▲                           │  ▲                          │
 *   └──── link deadline ────────┘  └── gap / stalled / behind ┘
 * </pre>
 */
enum HistorySyncState {
  /** The link is down (or the child was never heard): nothing is being asked. */
  DOWN,
  /** A delta runs: the child streams what the parent lacks, chunk by chunk, under credit. */
  DELTA,
  /** Caught up: records arrive live on the child's north PUB. */
  LIVE;

  private static final Map<HistorySyncState, Set<HistorySyncState>> LEGAL =
      Map.of(
          DOWN, EnumSet.of(DOWN, DELTA),
          DELTA, EnumSet.of(DELTA, LIVE, DOWN),
          LIVE, EnumSet.of(DELTA, DOWN));

  HistorySyncState to(HistorySyncState next) {
    if (!LEGAL.get(this).contains(next)) {
      throw new IllegalStateException("illegal history sync transition " + this + " -> " + next);
    }
    return next;
  }

  String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
