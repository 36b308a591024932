package io.stellwerk.security.view;

import io.stellwerk.security.viewmodel.Background;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import javafx.application.Platform;

/**
 * Runs work on one daemon thread, in order, and hands results to the FX thread. One per view, so a
 * slow station never holds up another view, and a view's requests never overtake each other.
 */
public final class FxBackground implements Background {

  private final ExecutorService thread;

  /** A background thread with the given name. */
  public FxBackground(String name) {
    this.thread =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, name);
              t.setDaemon(true);
              return t;
            });
  }

  @Override
  public <T> void run(Callable<T> work, Consumer<T> done, Consumer<String> failed) {
    thread.execute(
        () -> {
          try {
            T result = work.call();
            Platform.runLater(() -> done.accept(result));
          } catch (Exception e) {
            String line = Background.message(e);
            Platform.runLater(() -> failed.accept(line));
          }
        });
  }

  /** Stops the thread after the work already given. */
  public void shutdown() {
    thread.shutdown();
  }
}
