package io.stellwerk.node.plc;

/**
 * Permission to write to the PLC, held by the active peer of a pair for a short time and renewed by
 * its event loop while it is sure to be active. The PLC thread checks it right before every write,
 * so a peer whose process was frozen (SIGSTOP) finds its lease expired when it thaws and writes
 * nothing until its loop has confirmed the role again: the PLC never sees two writers.
 */
public final class WriteLease {

  private final boolean always;
  private volatile boolean granted;
  private volatile long untilNanos;

  private WriteLease(boolean always) {
    this.always = always;
  }

  /** A lease for a single node, which is the only writer of its PLC. */
  public static WriteLease always() {
    return new WriteLease(true);
  }

  /** A lease that is valid only while renewed (a pair's peer). */
  public static WriteLease renewable() {
    return new WriteLease(false);
  }

  /** Grants writes until the given {@link System#nanoTime()}. */
  public void renew(long untilNanos) {
    this.untilNanos = untilNanos;
    granted = true;
  }

  /** Withdraws the lease at once. */
  public void revoke() {
    granted = false;
  }

  private volatile boolean conflict;

  /**
   * Called by the PLC thread when the life sign held a value this peer did not write: another
   * writer is active. The HA controller takes it with {@link #takeConflict()}.
   */
  public void conflict() {
    conflict = true;
  }

  /** Whether a conflict was reported since the last call. */
  public boolean takeConflict() {
    boolean c = conflict;
    conflict = false;
    return c;
  }

  /** Whether writes are allowed now. */
  public boolean valid() {
    return always || (granted && System.nanoTime() - untilNanos < 0);
  }
}
