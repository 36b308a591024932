package io.stellwerk.node.wire;

/** A frame that does not parse: counted and dropped by the receiver, never fatal. */
public final class MalformedFrameException extends Exception {

  public MalformedFrameException(String message) {
    super(message, null, false, false);
  }
}
