package io.stellwerk.node.plc;

import io.stellwerk.node.dim.Value;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * Runs a PLC driver on its own thread beside the event loop. Readings are handed over through a
 * queue and announced on an inproc pipe (the loop polls the pipe); writes come back the same way. A
 * driver that throws is logged and restarted with a capped backoff, never left hanging.
 */
public final class PlcActor implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(PlcActor.class);

  private final Supplier<PlcDriver> factory;
  private final Queue<List<PlcReading>> readings = new ConcurrentLinkedQueue<>();
  private final Queue<Object[]> writes = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean rung = new AtomicBoolean();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final ZMQ.Socket loopSide;
  private final ZMQ.Socket actorSide;
  private final Thread thread;
  private final ZContext zctx;
  private volatile boolean running = true;
  private volatile int restarts;

  /** Creates the pipe in the loop's context and starts the actor thread. */
  public PlcActor(ZContext zctx, String name, Supplier<PlcDriver> factory) {
    this.factory = factory;
    this.zctx = zctx;
    String address = "inproc://plc-" + System.identityHashCode(this);
    loopSide = zctx.createSocket(SocketType.PAIR);
    loopSide.bind(address);
    actorSide = zctx.createSocket(SocketType.PAIR);
    actorSide.connect(address);
    thread = new Thread(this::supervise, "plc-" + name);
    thread.setDaemon(true);
    thread.start();
  }

  /** The loop's end of the pipe, to register with its poller. */
  public ZMQ.Socket pipe() {
    return loopSide;
  }

  /** Takes all readings handed over so far (call when the pipe is readable). */
  public void drain(java.util.function.Consumer<PlcReading> sink) {
    while (loopSide.recv(ZMQ.DONTWAIT) != null) {
      // the pipe only announces; the data is in the queue
    }
    rung.set(false);
    List<PlcReading> batch;
    while ((batch = readings.poll()) != null) {
      batch.forEach(sink);
    }
  }

  /** Queues a write for the driver. */
  public void write(String key, Value value) {
    writes.add(new Object[] {key, value});
  }

  /** How often the driver was restarted after a failure. */
  public int restarts() {
    return restarts;
  }

  private void supervise() {
    long backoff = 100;
    while (running) {
      try {
        PlcDriver driver = factory.get();
        try {
          run(driver);
        } finally {
          driver.close();
        }
      } catch (Exception | Error e) {
        if (!running) {
          break;
        }
        restarts++;
        log.error("PLC driver failed ({}); restarting in {} ms", e.toString(), backoff);
        pause(backoff);
        backoff = Math.min(backoff * 2, 5000);
      }
    }
    stopped.countDown();
  }

  private void run(PlcDriver driver) throws Exception {
    long intervalNanos = driver.pollInterval().toNanos();
    long next = System.nanoTime();
    while (running) {
      Object[] w;
      while ((w = writes.poll()) != null) {
        driver.write((String) w[0], (Value) w[1]);
      }
      readings.add(driver.poll(System.currentTimeMillis()));
      if (rung.compareAndSet(false, true)) {
        actorSide.send(new byte[] {1}, ZMQ.DONTWAIT);
      }
      next += intervalNanos;
      long wait = next - System.nanoTime();
      if (wait > 0) {
        pause(TimeUnit.NANOSECONDS.toMillis(wait));
      } else {
        next = System.nanoTime();
      }
    }
  }

  private void pause(long millis) {
    try {
      Thread.sleep(Math.max(1, millis));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  /** Stops the actor thread and closes the pipe (call from the loop thread). */
  @Override
  public void close() {
    running = false;
    try {
      stopped.await(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    zctx.destroySocket(actorSide);
    zctx.destroySocket(loopSide);
  }
}
