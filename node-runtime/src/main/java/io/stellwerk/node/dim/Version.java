package io.stellwerk.node.dim;

/**
 * An owner-assigned version: the owner's epoch (new at every start and every HA takeover) and a
 * sequence within it. Ordered by epoch, then sequence.
 */
public record Version(long epoch, long seq) implements Comparable<Version> {

  /** Lower than every version an owner assigns. */
  public static final Version ZERO = new Version(0, 0);

  @Override
  public int compareTo(Version o) {
    int c = Long.compare(epoch, o.epoch);
    return c != 0 ? c : Long.compare(seq, o.seq);
  }

  /** Whether this version is strictly newer than the other. */
  public boolean isNewerThan(Version o) {
    return compareTo(o) > 0;
  }

  /** The newer of two versions. */
  public static Version max(Version a, Version b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  /** Parses {@code epoch:seq} as {@link #toString()} writes it. */
  public static Version parse(String text) {
    int colon = text.indexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("'" + text + "' is not a version (epoch:seq)");
    }
    return new Version(
        Long.parseLong(text.substring(0, colon)), Long.parseLong(text.substring(colon + 1)));
  }

  @Override
  public String toString() {
    return epoch + ":" + seq;
  }
}
