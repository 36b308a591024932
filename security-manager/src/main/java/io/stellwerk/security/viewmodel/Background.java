package io.stellwerk.security.viewmodel;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Runs blocking work away from the UI and hands its result back where the UI may use it. The views
 * use one that runs work on a daemon thread and the result on the FX thread; tests use {@link
 * #sameThread()}.
 */
public interface Background {

  /** Runs {@code work}; then {@code done} with its result, or {@code failed} with one line. */
  <T> void run(Callable<T> work, Consumer<T> done, Consumer<String> failed);

  /** Runs everything at once on the caller's thread. */
  static Background sameThread() {
    return new Background() {
      @Override
      public <T> void run(Callable<T> work, Consumer<T> done, Consumer<String> failed) {
        T result;
        try {
          result = work.call();
        } catch (Exception e) {
          failed.accept(message(e));
          return;
        }
        done.accept(result);
      }
    };
  }

  /** The one line a user sees for a failure. */
  static String message(Throwable e) {
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }
}
