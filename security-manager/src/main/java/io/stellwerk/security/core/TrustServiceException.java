package io.stellwerk.security.core;

/** A trust-store operation that failed, with a one-line message for the user. */
public final class TrustServiceException extends RuntimeException {

  /** A failure described by one line. */
  public TrustServiceException(String message) {
    super(message, null, false, false);
  }
}
