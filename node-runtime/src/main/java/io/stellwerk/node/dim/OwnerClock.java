package io.stellwerk.node.dim;

/**
 * Assigns versions to the owner's own writes: one epoch per incarnation (a start or an HA
 * takeover), a sequence that grows with every write. Epochs are millisecond timestamps raised above
 * any epoch seen before, so a restarted or newly active owner always writes newer versions than its
 * previous incarnation did.
 */
public final class OwnerClock {

  private long epoch;
  private long seq;

  /** Starts an incarnation with an epoch above {@code floor}. */
  public OwnerClock(long floor) {
    newEpoch(floor);
  }

  /** Starts a new epoch above both the wall clock and {@code floor}; returns it. */
  public long newEpoch(long floor) {
    epoch = Math.max(Math.max(System.currentTimeMillis(), floor + 1), epoch + 1);
    seq = 0;
    return epoch;
  }

  /** The next version. */
  public Version next() {
    return new Version(epoch, ++seq);
  }

  /** The sequence of the last version handed out. */
  public long peekSeq() {
    return seq;
  }

  /** The current epoch. */
  public long epoch() {
    return epoch;
  }
}
