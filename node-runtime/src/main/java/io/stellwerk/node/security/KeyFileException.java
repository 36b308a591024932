package io.stellwerk.node.security;

/**
 * A key, certificate or trust file that is missing, unreadable, malformed or too open. The message
 * is one line naming the file, fit to show a user as is; no stack trace is kept because the cause
 * is the file, not the code.
 */
public final class KeyFileException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** An error whose message names the file and what is wrong with it. */
  public KeyFileException(String message) {
    super(message, null, false, false);
  }
}
