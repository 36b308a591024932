package io.stellwerk.workbench.shell;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Notices when an open file is changed by another program. A daemon thread compares each watched
 * file's content with what the workbench last read or wrote, twice a second; a difference is
 * reported once through {@code onChange} (which the shell posts to the FX thread). Comparing
 * content, not timestamps, ignores touches and catches changes within one timestamp tick.
 */
public final class ExternalChanges implements AutoCloseable {

  private final Map<Path, byte[]> known = new ConcurrentHashMap<>();
  private final ScheduledExecutorService poller;
  private final Consumer<Path> onChange;

  /** Starts watching; nothing is watched until {@link #known} is called. */
  public ExternalChanges(Consumer<Path> onChange) {
    this.onChange = onChange;
    this.poller =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "external-changes");
              t.setDaemon(true);
              return t;
            });
    poller.scheduleWithFixedDelay(this::poll, 500, 500, TimeUnit.MILLISECONDS);
  }

  /** Records the content the workbench read from or wrote to a file. */
  public void known(Path file, byte[] content) {
    known.put(file.toAbsolutePath().normalize(), content.clone());
  }

  /** Stops watching a file. */
  public void forget(Path file) {
    known.remove(file.toAbsolutePath().normalize());
  }

  private void poll() {
    for (Map.Entry<Path, byte[]> e : known.entrySet()) {
      byte[] now;
      try {
        now = Files.exists(e.getKey()) ? Files.readAllBytes(e.getKey()) : new byte[0];
      } catch (IOException ex) {
        continue;
      }
      if (!Arrays.equals(now, e.getValue()) && known.replace(e.getKey(), e.getValue(), now)) {
        onChange.accept(e.getKey());
      }
    }
  }

  @Override
  public void close() {
    poller.shutdownNow();
  }
}
