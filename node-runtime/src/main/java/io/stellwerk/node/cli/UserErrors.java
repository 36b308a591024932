package io.stellwerk.node.cli;

/** Turns an exception into one line a user can act on, without a stack trace. */
final class UserErrors {

  private UserErrors() {}

  static String describe(Throwable ex) {
    Throwable t = ex;
    while (t.getCause() != null
        && (t.getMessage() == null || t instanceof java.util.concurrent.ExecutionException)) {
      t = t.getCause();
    }
    String msg = t.getMessage();
    if (msg == null || msg.isBlank()) {
      return "unexpected "
          + t.getClass().getSimpleName()
          + " (run with --log-level debug for details)";
    }
    return msg;
  }
}
