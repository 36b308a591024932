package io.stellwerk.node.history;

/** The store cannot do what was asked; the message is one line naming the store and the reason. */
public final class HistoryException extends Exception {

  private static final long serialVersionUID = 1L;

  /** Why. */
  public enum Reason {
    /** The store reached its size limit or the disk is full. */
    FULL,
    /** The store's files are damaged or not an LMDB store. */
    CORRUPT,
    /** The store was written by a newer format version than this program reads. */
    NEWER_FORMAT,
    /** Any other input/output failure. */
    IO
  }

  private final Reason reason;

  public HistoryException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
