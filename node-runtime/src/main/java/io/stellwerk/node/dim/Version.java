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

  @Override
  public String toString() {
    return epoch + ":" + seq;
  }
}
