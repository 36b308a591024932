package io.stellwerk.node.federation;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The states of one link's sync session, with the legal transitions. An illegal transition is a bug
 * and fails loudly.
 *
 * <pre>
 * DOWN ──request/hello──▶ SYNCING ──delta applied──▶ LIVE
 *   ▲                       │  ▲                       │
 *   └──── deadline ─────────┘  └──── gap / resync ─────┘
 * </pre>
 */
enum LinkState {
  /** Nothing heard within the deadline (or never): sockets are recreated, a sync is pending. */
  DOWN,
  /** A delta exchange is under way; live messages are buffered until it completes. */
  SYNCING,
  /** In sync; live updates are applied as they arrive, in sequence. */
  LIVE;

  private static final Map<LinkState, Set<LinkState>> LEGAL =
      Map.of(
          DOWN, EnumSet.of(DOWN, SYNCING),
          SYNCING, EnumSet.of(SYNCING, LIVE, DOWN),
          LIVE, EnumSet.of(SYNCING, DOWN));

  /** The state after a transition, or an exception if it is not legal. */
  LinkState to(LinkState next) {
    if (!LEGAL.get(this).contains(next)) {
      throw new IllegalStateException("illegal link transition " + this + " -> " + next);
    }
    return next;
  }

  String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
