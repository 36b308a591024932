package io.stellwerk.node.plc;

import com.digitalpetri.modbus.exceptions.ModbusException;
import io.stellwerk.node.topology.ModbusBinding;
import io.stellwerk.node.topology.ModbusPoint;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the PLC life-sign register on its own thread (a connection of its own, reads only) and
 * tells whether the active peer's counter is moving. The life sign counts as stopped only when it
 * was read successfully and did not change for the deadline; when it cannot be read at all it is
 * unknown, which is never evidence that the active is dead (this peer may be the one cut off).
 */
public final class LifeSignWatcher implements AutoCloseable {

  /** What the life sign says about the active. */
  public enum Verdict {
    /** It changed within the deadline: the active is alive. */
    MOVING,
    /** It was read throughout and did not change for the deadline. */
    STOPPED,
    /** It could not be read for the deadline: no evidence either way. */
    UNREADABLE,
    /** Read, but not yet watched for a whole deadline. */
    UNDECIDED
  }

  private static final Logger log = LoggerFactory.getLogger(LifeSignWatcher.class);
  private static final long FIRST_READ_GRACE_NANOS = 5_000_000_000L;

  private final ModbusConnection connection;
  private final int register;
  private final long periodMillis;
  private final long deadlineNanos;
  private final Thread thread;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile boolean running = true;
  private final long startNanos;
  private volatile long lastReadNanos;
  private volatile long lastChangeNanos;
  private volatile boolean changed;
  private volatile int value = -1;

  /**
   * @param host the PLC's address after host mapping
   * @param localAddress the address to connect from, or {@code null}
   * @param deadline how long an unchanged life sign is tolerated
   */
  public LifeSignWatcher(
      String name, ModbusBinding binding, String host, String localAddress, Duration deadline) {
    this.register = binding.lifeSignRegister().orElseThrow();
    this.periodMillis = Math.max(10, binding.lifeSignInterval().toMillis() / 2);
    this.deadlineNanos = deadline.toNanos();
    this.connection =
        new ModbusConnection(
            host,
            binding.port(),
            binding.unit(),
            localAddress,
            Duration.ofMillis(Math.max(1000, deadline.toMillis())));
    startNanos = System.nanoTime();
    thread = new Thread(this::watch, "life-sign-" + name);
    thread.setDaemon(true);
    thread.start();
  }

  private void watch() {
    boolean failing = false;
    while (running) {
      try {
        int v = connection.read(ModbusPoint.Table.HOLDING, register, 1)[0];
        long now = System.nanoTime();
        if (value == -1) {
          // The first read only learns the value: a change is what shows a writer is alive.
          lastChangeNanos = now;
        } else if (v != value) {
          lastChangeNanos = now;
          changed = true;
        }
        value = v;
        lastReadNanos = now;
        failing = false;
      } catch (ModbusException | RuntimeException e) {
        if (!failing) {
          log.warn("cannot read the PLC life sign at {}: {}", connection.target(), e.toString());
          failing = true;
        }
      }
      try {
        Thread.sleep(periodMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    connection.close();
    stopped.countDown();
  }

  /** The verdict at {@code now} ({@link System#nanoTime()}). */
  public Verdict verdict(long now) {
    if (value == -1) {
      // The first connection loads and starts the client: give it a few seconds.
      return now - startNanos > Math.max(deadlineNanos, FIRST_READ_GRACE_NANOS)
          ? Verdict.UNREADABLE
          : Verdict.UNDECIDED;
    }
    if (now - lastReadNanos > deadlineNanos) {
      return Verdict.UNREADABLE;
    }
    if (now - lastChangeNanos > deadlineNanos) {
      return Verdict.STOPPED;
    }
    return changed ? Verdict.MOVING : Verdict.UNDECIDED;
  }

  /** The last value read, or -1 before the first read. */
  public int value() {
    return value;
  }

  /** Milliseconds since the life sign last changed (or was first read). */
  public long unchangedMillis(long now) {
    return value == -1 ? 0 : (now - lastChangeNanos) / 1_000_000;
  }

  @Override
  public void close() {
    running = false;
    try {
      stopped.await(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
