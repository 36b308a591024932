package io.stellwerk.node.history;

import io.stellwerk.node.dim.Quality;
import io.stellwerk.node.dim.Value;
import io.stellwerk.node.history.RecordCodec.Linked;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A station's history at run time: records are handed over without blocking ({@link #record},
 * {@link #submit}) and written in batches by one writer thread, which also prunes; reads run on a
 * reader thread. When the store cannot be written (full, damaged, a newer format) the station keeps
 * running: the writer raises an alarm, holds what it could not write and retries, and new records
 * wait in a queue of at most {@link #BUFFER_RECORDS}. Only past that bound are records refused, and
 * each refusal is counted and alarmed ({@link #refused()}).
 */
public final class HistoryService implements AutoCloseable {

  /** The bound of records waiting to be written (besides the one batch being written). */
  public static final int BUFFER_RECORDS = 200_000;

  /** The most records written in one transaction. */
  static final int MAX_BATCH = 20_000;

  private static final Logger log = LoggerFactory.getLogger(HistoryService.class);
  private static final long RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

  /** What the writer reports; called on the writer thread. */
  public interface Listener {
    /** Records newly made durable, each with the record of its owner stored before it. */
    void stored(List<Linked> records);

    /** The store's state changed: {@code problem} is the one-line reason, or null when healthy. */
    void problem(String problem);
  }

  private final String station;
  private final Retention retention;
  private final Listener listener;

  /**
   * Batches waiting for the writer (a chunk of a delta is one batch: one hand-over, not one per
   * record); {@link #queuedRecords} bounds the records they hold.
   */
  private final BlockingQueue<List<HistoryRecord>> queue = new LinkedBlockingQueue<>();

  private final AtomicInteger queuedRecords = new AtomicInteger();

  private final Map<String, Position> heads = new ConcurrentHashMap<>();
  private final ExecutorService reader;
  private final Thread writer;
  private volatile HistoryStore store;
  private volatile String problem;
  private volatile boolean running = true;
  private volatile long refused;
  private volatile long written;
  private volatile long pruned;
  private long lastTs;
  private long lastSeq;

  private HistoryService(
      HistoryStore store, String problem, String station, Retention retention, Listener listener) {
    this.store = store;
    this.problem = problem;
    this.station = station;
    this.retention = retention;
    this.listener = listener;
    if (store != null) {
      store.owners().forEach((o, info) -> heads.put(o, info.last()));
      Position own = store.owner(station).last();
      lastTs = own.ts();
      lastSeq = own.seq();
    }
    this.reader =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "history-reader-" + station);
              t.setDaemon(true);
              return t;
            });
    this.writer = new Thread(this::writeLoop, "history-writer-" + station);
    writer.setDaemon(true);
  }

  /**
   * Opens the store in {@code dir} and starts the writer. A store that cannot be opened does not
   * stop the station: the service starts without it and reports the problem.
   */
  public static HistoryService start(
      Path dir, String station, Retention retention, Listener listener) {
    HistoryStore s = null;
    String problem = null;
    try {
      s = HistoryStore.open(dir, retention.limitBytes());
    } catch (HistoryException e) {
      problem = e.getMessage();
      log.error("history of {} unavailable: {}", station, problem);
    }
    HistoryService h = new HistoryService(s, problem, station, retention, listener);
    h.writer.start();
    if (problem != null) {
      listener.problem(problem);
    }
    return h;
  }

  /**
   * Records one of this station's own records: assigns its position (time never going back,
   * sequence one up) and queues it. Call from one thread (the event loop).
   *
   * @return the record, or null if the buffer was full (counted in {@link #refused()})
   */
  public HistoryRecord record(
      HistoryRecord.Kind kind, String key, Value value, Quality quality, String text) {
    lastTs = Math.max(lastTs, System.currentTimeMillis());
    HistoryRecord r =
        new HistoryRecord(station, lastTs, ++lastSeq, kind, key, value, quality, text);
    return submit(List.of(r)) ? r : null;
  }

  /**
   * Queues records (in order per owner) as one batch; false, and nothing queued, if the buffer has
   * no room for all of them. Call from one thread (the event loop).
   */
  public boolean submit(List<HistoryRecord> records) {
    if (records.isEmpty()) {
      return true;
    }
    if (room() < records.size()) {
      refusedMore(records.size());
      return false;
    }
    queuedRecords.addAndGet(records.size());
    queue.add(records);
    return true;
  }

  private void refusedMore(int n) {
    boolean first = refused == 0;
    refused += n;
    if (first) {
      log.error(
          "history of {}: the write buffer of {} records is full, records are being refused ({})",
          station,
          BUFFER_RECORDS,
          problem == null ? "the store is slower than the input" : problem);
    }
  }

  /** Records waiting to be written. */
  public int queued() {
    return queuedRecords.get();
  }

  /** Free room in the write buffer. */
  public int room() {
    return Math.max(0, BUFFER_RECORDS - queuedRecords.get());
  }

  public long refused() {
    return refused;
  }

  public long written() {
    return written;
  }

  public long prunedRecords() {
    return pruned;
  }

  /** The current problem (one line) or null when the store is healthy. */
  public String problem() {
    return problem;
  }

  /** The newest durable position per owner. */
  public Map<String, Position> heads() {
    return Map.copyOf(heads);
  }

  /** The store, or null when it could not be opened. */
  public HistoryStore store() {
    return store;
  }

  /** Something to run against the store on the reader thread. */
  public interface Read<T> {
    T run(HistoryStore store) throws HistoryException;
  }

  /** Runs a read on the reader thread; fails with the store's problem when there is no store. */
  public <T> CompletableFuture<T> read(Read<T> read) {
    CompletableFuture<T> f = new CompletableFuture<>();
    reader.execute(
        () -> {
          HistoryStore s = store;
          if (s == null) {
            f.completeExceptionally(
                new HistoryException(HistoryException.Reason.IO, problem, null));
            return;
          }
          try {
            f.complete(read.run(s));
          } catch (HistoryException | RuntimeException e) {
            f.completeExceptionally(e);
          }
        });
    return f;
  }

  private void writeLoop() {
    List<HistoryRecord> pending = new ArrayList<>();
    long nextPrune = System.nanoTime();
    while (running) {
      if (pending.isEmpty()) {
        try {
          take(pending);
        } catch (InterruptedException e) {
          break;
        }
      }
      HistoryStore s = store;
      if (!pending.isEmpty() && s != null) {
        try {
          List<HistoryRecord> stored = s.append(pending);
          written += stored.size();
          pending.clear();
          publish(stored);
          healthy();
        } catch (HistoryException e) {
          // A full store or disk deletes nothing by itself: only the retention rules prune, so
          // what was written before stays; the batch is held and retried.
          fail(e.getMessage());
          LockSupport.parkNanos(RETRY_NANOS);
        }
      } else if (!pending.isEmpty()) {
        LockSupport.parkNanos(RETRY_NANOS); // no store: hold the batch, the queue bounds the rest
      }
      if (s != null && System.nanoTime() >= nextPrune) {
        nextPrune = System.nanoTime() + retention.interval().toNanos();
        prune(s);
      }
    }
  }

  /** Takes queued batches into {@code pending}: at least one, more while they fit a transaction. */
  private void take(List<HistoryRecord> pending) throws InterruptedException {
    List<HistoryRecord> b = queue.poll(50, TimeUnit.MILLISECONDS);
    while (b != null) {
      pending.addAll(b);
      queuedRecords.addAndGet(-b.size());
      List<HistoryRecord> next = queue.peek(); // the writer is the only consumer
      b = next != null && pending.size() + next.size() <= MAX_BATCH ? queue.poll() : null;
    }
  }

  private void publish(List<HistoryRecord> stored) {
    if (stored.isEmpty()) {
      return;
    }
    List<Linked> out = new ArrayList<>(stored.size());
    Map<String, Position> moved = new HashMap<>();
    String owner = null;
    Position prev = null;
    for (HistoryRecord r : stored) {
      if (!r.owner().equals(owner)) {
        if (owner != null) {
          moved.put(owner, prev);
        }
        owner = r.owner();
        prev = moved.getOrDefault(owner, heads.getOrDefault(owner, Position.ZERO));
      }
      Position p = r.position();
      if (p.isAfter(prev)) {
        out.add(new Linked(r, prev));
        prev = p;
      }
    }
    moved.put(owner, prev);
    heads.putAll(moved);
    listener.stored(out);
  }

  private void healthy() {
    if (problem != null) {
      log.info("history of {} writable again", station);
      problem = null;
      listener.problem(null);
    }
  }

  private void fail(String why) {
    if (!why.equals(problem)) {
      log.error("history of {}: {}", station, why);
      problem = why;
      listener.problem(why);
    }
  }

  private void prune(HistoryStore s) {
    try {
      if (retention.maxAge() != null) {
        long cutoff = System.currentTimeMillis() - retention.maxAge().toMillis();
        for (String owner : s.owners().keySet()) {
          pruned += s.prune(owner, cutoff, MAX_BATCH);
        }
      }
      if (retention.maxBytes() > 0) {
        for (int i = 0; i < 20 && s.usedBytes() > retention.maxBytes(); i++) {
          if (!pruneOldest(s)) {
            break;
          }
        }
      }
    } catch (HistoryException e) {
      fail(e.getMessage());
    }
  }

  private boolean pruneOldest(HistoryStore s) throws HistoryException {
    String owner = s.ownerWithOldestRecord();
    if (owner == null) {
      return false;
    }
    int n = s.prune(owner, Long.MAX_VALUE, 5_000);
    pruned += n;
    return n > 0;
  }

  /** Stops the writer after it wrote what is queued (if it can), and closes the store. */
  @Override
  public void close() {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
    while (problem == null && !queue.isEmpty() && System.nanoTime() < until) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
    }
    running = false;
    try {
      writer.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    reader.shutdown();
    try {
      reader.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    HistoryStore s = store;
    store = null;
    if (s != null && !writer.isAlive()) {
      s.close();
    }
  }
}
