package io.stellwerk.node.federation;

import io.stellwerk.node.dim.Entry;
import io.stellwerk.node.dim.Quality;
import io.stellwerk.node.dim.Value;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.MDC;

/**
 * One running station of the federation. {@link #start} binds its sockets and starts its event
 * loop; the methods here are thread-safe and run their work on the loop.
 */
public final class NodeRuntime implements AutoCloseable {

  private final FederationLoop loop;
  private final Thread thread;

  private NodeRuntime(FederationLoop loop, Thread thread) {
    this.loop = loop;
    this.thread = thread;
  }

  /**
   * Starts a station and waits until its sockets are bound.
   *
   * @throws IllegalStateException with a clear message when it cannot start (port in use, ...)
   */
  public static NodeRuntime start(NodeConfig config) {
    long floor = readEpochFloor(config.dataDir());
    StationContext ctx = new StationContext(config, floor);
    writeEpoch(config.dataDir(), ctx.clock.epoch());
    FederationLoop loop = new FederationLoop(ctx);
    Thread t =
        new Thread(
            () -> {
              MDC.put("station", config.station().toString());
              loop.run();
            },
            "loop-" + config.station());
    t.start();
    try {
      loop.started.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting", e);
    }
    if (loop.startFailure != null) {
      throw new IllegalStateException(loop.startFailure.getMessage(), loop.startFailure);
    }
    return new NodeRuntime(loop, t);
  }

  private static long readEpochFloor(Path dir) {
    if (dir == null) {
      return 0;
    }
    try {
      Path f = dir.resolve("epoch");
      return Files.exists(f)
          ? Long.parseLong(Files.readString(f, StandardCharsets.UTF_8).trim())
          : 0;
    } catch (IOException | NumberFormatException e) {
      throw new IllegalStateException(
          "cannot read " + dir.resolve("epoch") + ": " + e.getMessage(), e);
    }
  }

  private static void writeEpoch(Path dir, long epoch) {
    if (dir == null) {
      return;
    }
    try {
      Files.createDirectories(dir);
      Path tmp = dir.resolve("epoch.tmp");
      Files.writeString(tmp, Long.toString(epoch), StandardCharsets.UTF_8);
      Files.move(
          tmp,
          dir.resolve("epoch"),
          java.nio.file.StandardCopyOption.ATOMIC_MOVE,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot write the epoch file in " + dir + ": " + e.getMessage(), e);
    }
  }

  /** The event loop, for tests in this package that drive it directly (on the loop thread). */
  FederationLoop loopForTests() {
    return loop;
  }

  /** Runs a function on the event loop and waits for its result. */
  <T> T call(Callable<T> fn) {
    CompletableFuture<T> f = new CompletableFuture<>();
    loop.post(
        () -> {
          try {
            f.complete(fn.call());
          } catch (Exception | Error e) {
            f.completeExceptionally(e);
          }
        });
    try {
      return f.get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("event loop of " + loop.ctx.station + " did not answer", e);
    }
  }

  /** A digest of this station's whole process image. */
  public String digest() {
    return call(loop.ctx.dim::digest);
  }

  /** The number of live keys in this station's process image. */
  public int size() {
    return call(loop.ctx.dim::liveSize);
  }

  /** The entry held for a key. */
  public Optional<Entry> get(String key) {
    return Optional.ofNullable(call(() -> loop.ctx.dim.get(key)));
  }

  /** Writes one of this node's own keys, as a PLC reading would. */
  public Entry write(String key, Value value) {
    return call(
        () -> loop.executor.write(key, value, Quality.GOOD, System.currentTimeMillis(), false));
  }

  /** Deletes one of this node's own keys: a tombstone replicates like a write. */
  public Entry delete(String key) {
    return call(
        () -> loop.executor.write(key, null, Quality.GOOD, System.currentTimeMillis(), false));
  }

  /** The status document the management socket returns, as JSON text. */
  public String statusJson() {
    return call(() -> loop.management.status().toString());
  }

  /** A counter by name (see the status document). */
  public long counter(String name) {
    return call(() -> loop.ctx.counters.snapshot().getOrDefault(name, -1L));
  }

  /** Registers a listener for every applied entry (called on the loop thread). */
  public void onApplied(Consumer<Entry> listener) {
    call(() -> loop.ctx.appliedListeners.add(listener));
  }

  /** What this station's history store holds of an owner (empty when it keeps no history). */
  public io.stellwerk.node.history.OwnerInfo historyOf(String owner) {
    return call(
        () ->
            loop.ctx.history == null || loop.ctx.history.service().store() == null
                ? new io.stellwerk.node.history.OwnerInfo(
                    io.stellwerk.node.history.Position.ZERO,
                    0,
                    0,
                    io.stellwerk.node.history.Position.ZERO)
                : loop.ctx.history.service().store().owner(owner));
  }

  /** Records {@code n} samples at {@code rate} per second (0: as fast as possible). */
  public void historyFill(long n, double rate) {
    call(
        () -> {
          loop.ctx.history.startFill(n, rate);
          return null;
        });
  }

  /** Raises an event in this station's journal; returns its id (null if it was refused). */
  public String historyRaise(String about, String text) {
    return call(() -> loop.ctx.history.raise(about, text));
  }

  /** Clears an event of this station's journal (the condition went away), saying why. */
  public void historyClear(String eventId, String why) {
    call(
        () -> {
          loop.ctx.history.clear(eventId, why);
          return null;
        });
  }

  /** This station's history store, for reads (null without history). */
  public io.stellwerk.node.history.HistoryStore historyStore() {
    return call(() -> loop.ctx.history == null ? null : loop.ctx.history.service().store());
  }

  /** Stops the loop and releases its sockets. */
  @Override
  public void close() {
    loop.running = false;
    loop.post(() -> {});
    try {
      if (!loop.stopped.await(5, TimeUnit.SECONDS)) {
        thread.interrupt();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Whether the loop stopped because of an error rather than {@link #close()}. */
  public boolean failed() {
    return loop.failure != null;
  }

  /** Blocks until the loop has stopped. */
  public void awaitStopped() throws InterruptedException {
    loop.stopped.await();
  }
}
