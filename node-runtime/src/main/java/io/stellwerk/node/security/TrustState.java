package io.stellwerk.node.security;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The life of a key in a trust store, as a transition table: only {@link #ACCEPTED} keys are
 * admitted. A key that knocks unannounced is {@link #PENDING}; a key claiming an identity that
 * already has another accepted key is a {@link #CONFLICT} (a rebuilt box, or an impostor) until a
 * person decides; {@link #REJECTED} covers refused and revoked keys.
 */
public enum TrustState {
  PENDING,
  ACCEPTED,
  REJECTED,
  CONFLICT;

  private static final Map<TrustState, Set<TrustState>> NEXT =
      Map.of(
          PENDING, EnumSet.of(ACCEPTED, REJECTED, CONFLICT),
          CONFLICT, EnumSet.of(ACCEPTED, REJECTED),
          ACCEPTED, EnumSet.of(REJECTED),
          REJECTED, EnumSet.of(ACCEPTED, CONFLICT));

  /** The name used in files and output. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether a key may move from this state to {@code next}. */
  public boolean canBecome(TrustState next) {
    return NEXT.get(this).contains(next);
  }

  /** Parses a label as written in trust files. */
  public static TrustState parse(String text) {
    return valueOf(text.trim().toUpperCase(Locale.ROOT));
  }
}
