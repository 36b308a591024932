package io.stellwerk.node.federation;

import io.stellwerk.node.dim.Entry;
import io.stellwerk.node.dim.Keys;
import io.stellwerk.node.dim.Quality;
import io.stellwerk.node.dim.Value;
import io.stellwerk.node.history.Events;
import io.stellwerk.node.history.HistoryMessages;
import io.stellwerk.node.history.HistoryRecord;
import io.stellwerk.node.history.HistoryService;
import io.stellwerk.node.history.HistoryStore;
import io.stellwerk.node.history.OwnerInfo;
import io.stellwerk.node.history.Position;
import io.stellwerk.node.history.RecordCodec.Linked;
import io.stellwerk.node.topology.StationId;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A station's history on the event loop: records its own samples and journal events, accepts its
 * children's records when they follow what it holds, sends what it made durable north (live) and
 * its newest positions (heads) so parents know how far behind they are. All disk work is the {@link
 * HistoryService}'s; nothing here waits for it.
 */
final class HistoryHub {

  /** Records per live message on the north PUB. */
  static final int LIVE_BATCH = 2000;

  /** How often the heads go north. */
  static final long HEAD_INTERVAL_NANOS = 500_000_000L;

  final StationContext ctx;
  final FederationLoop loop;
  private final HistoryService service;
  private final Map<String, Position> accepted = new HashMap<>();
  private final Map<String, Entry> lastSample = new HashMap<>();
  private final io.stellwerk.node.history.SamplePolicy policy;
  private long lastHeadNanos;
  private HistoryPeer peer;

  /** The links taking records into this store: told when the writer made room. */
  final List<HistoryLink> links = new ArrayList<>();

  /**
   * Events this station acknowledged or cleared in this run: their records may still be on the way
   * to the store when the same event is acknowledged again.
   */
  private final Map<String, String> closed = new HashMap<>();

  private String problemEvent;
  private long fillLeft;
  private double fillRate;
  private long fillStartNanos;
  private long fillDone;

  /** From recording at the owner to durable here, for the bench samples (monotonic clock). */
  final org.HdrHistogram.Histogram lag =
      new org.HdrHistogram.Histogram(java.util.concurrent.TimeUnit.SECONDS.toNanos(120), 3);

  HistoryHub(StationContext ctx, FederationLoop loop, Path dir) {
    this.ctx = ctx;
    this.loop = loop;
    this.policy = new io.stellwerk.node.history.SamplePolicy(ctx.config.history());
    this.service =
        HistoryService.start(
            dir,
            ctx.station.toString(),
            ctx.config.history().retention(),
            new HistoryService.Listener() {
              @Override
              public void stored(List<Linked> records) {
                loop.post(() -> onStored(records));
              }

              @Override
              public void problem(String problem) {
                loop.post(() -> onProblem(problem));
              }
            });
    accepted.putAll(service.heads());
  }

  /** This station is a peer of a pair: replicate the other peer's own records over the link. */
  void pairWith(PeerChannel channel) {
    peer = new HistoryPeer(this, channel);
  }

  /** The sync with the other peer of a pair, or null. */
  HistoryPeer peer() {
    return peer;
  }

  /** A message on the peer link: true if it was history (and handled here). */
  boolean onPeerMessage(Frames.Message m, long now)
      throws io.stellwerk.node.wire.MalformedFrameException {
    return peer != null && peer.onMessage(m, now);
  }

  HistoryService service() {
    return service;
  }

  Position accepted(String owner) {
    return accepted.getOrDefault(owner, Position.ZERO);
  }

  Map<String, Position> heads() {
    return service.heads();
  }

  int room() {
    return service.room();
  }

  // --- own records ----------------------------------------------------------------------------

  /** A write of one of this node's keys: recorded if the key is in the time series. */
  void onOwnWrite(Entry e, boolean plcPoint) {
    if (!policy.records(e, plcPoint, lastSample.get(e.key()))) {
      return;
    }
    lastSample.put(e.key(), e);
    record(HistoryRecord.Kind.SAMPLE, e.key(), e.value(), e.quality(), "");
  }

  /** Raises an event in this station's journal; returns its id (null if it was refused). */
  String raise(String about, String text) {
    HistoryRecord r = record(HistoryRecord.Kind.RAISE, about, null, Quality.GOOD, text);
    return r == null ? null : r.eventId();
  }

  /**
   * Acknowledges event {@code owner#seq} of this node if its journal has it open: {@code done} gets
   * null once the ack is recorded, else the one-line reason nothing was written. The lookup runs on
   * the reader thread; {@code done} is called on the loop.
   */
  void acknowledge(String owner, long seq, String who, Consumer<String> done) {
    String id = owner + "#" + seq;
    List<String> stations = ctx.node.stations().stream().map(StationId::toString).toList();
    service
        .read(store -> Events.find(store, owner, seq, stations))
        .whenComplete(
            (found, err) ->
                loop.post(
                    () -> {
                      String refused = refusal(id, found, err);
                      if (refused == null) {
                        ack(id, who);
                      }
                      done.accept(refused);
                    }));
  }

  private String refusal(String id, Events.Found found, Throwable err) {
    if (err != null) {
      Throwable t = err.getCause() != null ? err.getCause() : err;
      return "cannot read the journal of " + ctx.station + ": " + t.getMessage();
    }
    return switch (found.state()) {
      case UNKNOWN -> "event " + id + " does not exist in the journal of " + ctx.nodeId();
      case ACKNOWLEDGED -> "event " + id + " is already acknowledged by " + found.by();
      case CLEARED -> "event " + id + " is already cleared (" + found.by() + ")";
      case OPEN -> closed.containsKey(id) ? "event " + id + " is already " + closed.get(id) : null;
    };
  }

  void ack(String eventId, String who) {
    if (record(HistoryRecord.Kind.ACK, eventId, null, Quality.GOOD, who) != null) {
      closed.put(eventId, "acknowledged by " + who);
    }
  }

  void clear(String eventId, String why) {
    if (record(HistoryRecord.Kind.CLEAR, eventId, null, Quality.GOOD, why) != null) {
      closed.put(eventId, "cleared (" + why + ")");
    }
  }

  private HistoryRecord record(
      HistoryRecord.Kind kind, String key, Value value, Quality quality, String text) {
    HistoryRecord r = service.record(kind, key, value, quality, text);
    if (r != null) {
      accepted.put(r.owner(), Position.max(accepted(r.owner()), r.position()));
      ctx.counters.historyRecorded++;
    }
    return r;
  }

  // --- replicas -------------------------------------------------------------------------------

  /**
   * Takes records from a child or the peer: those of owners it may not send are dropped, those
   * already held are skipped, and the rest must follow what this station holds for their owner.
   *
   * @return false if some record did not follow (a gap): the caller starts a delta
   */
  boolean accept(List<Linked> records, Predicate<String> owns) {
    List<HistoryRecord> take = new ArrayList<>(records.size());
    Map<String, Position> moved = new HashMap<>();
    boolean contiguous = true;
    for (Linked l : records) {
      HistoryRecord r = l.record();
      if (!owns.test(r.owner())) {
        ctx.counters.droppedUnauthorised++;
        continue;
      }
      Position cur = moved.getOrDefault(r.owner(), accepted(r.owner()));
      if (!r.position().isAfter(cur)) {
        ctx.counters.historyDuplicates++;
        continue;
      }
      if (l.prev().isAfter(cur)) {
        contiguous = false;
        continue;
      }
      take.add(r);
      moved.put(r.owner(), r.position());
    }
    if (take.isEmpty()) {
      return contiguous;
    }
    if (!service.submit(take)) {
      return false; // the buffer is full: nothing taken, a later delta brings them again
    }
    accepted.putAll(moved);
    ctx.counters.historyReplicated += take.size();
    return contiguous;
  }

  // --- north ----------------------------------------------------------------------------------

  private void onStored(List<Linked> records) {
    for (HistoryLink l : links) {
      if (l.state == HistorySyncState.DELTA) {
        l.grant();
      }
    }
    long now = System.nanoTime();
    for (Linked l : records) {
      HistoryRecord r = l.record();
      if (r.kind() == HistoryRecord.Kind.SAMPLE
          && r.value() != null
          && r.value().type() == io.stellwerk.node.dim.ValueType.LONG
          && r.key().endsWith("/bench/history")
          && !r.owner().equals(ctx.station.toString())) {
        long d = now - r.value().asLong();
        if (d > 0) {
          lag.recordValue(Math.min(d, lag.getHighestTrackableValue()));
        }
      }
    }
    if (peer != null) {
      peer.onStored(records);
    }
    if (ctx.north == null) {
      return;
    }
    for (int from = 0; from < records.size(); from += LIVE_BATCH) {
      List<Linked> part = records.subList(from, Math.min(records.size(), from + LIVE_BATCH));
      ctx.north.sendUnnumbered(
          io.stellwerk.node.wire.MessageType.HISTORY_LIVE, HistoryMessages.live(part));
    }
  }

  private void onProblem(String problem) {
    String alarmKey = ctx.station + "/history/alarm";
    loop.executor.write(
        alarmKey,
        Value.of(problem == null ? "" : problem),
        problem == null ? Quality.GOOD : Quality.BAD,
        System.currentTimeMillis(),
        false);
    if (problem != null && problemEvent == null) {
      problemEvent = raise(ctx.station + "/history", problem);
    } else if (problem == null && problemEvent != null) {
      clear(problemEvent, "the history store is writable again");
      problemEvent = null;
    }
  }

  void tick(long now) {
    fill(now);
    if (peer != null) {
      peer.tick(now);
    }
    if (ctx.north != null && now - lastHeadNanos >= HEAD_INTERVAL_NANOS) {
      lastHeadNanos = now;
      Map<String, Position> mine = new TreeMap<>();
      service
          .heads()
          .forEach(
              (o, p) -> {
                if (Keys.ownerWithin(o, ctx.nodeId())) {
                  mine.put(o, p);
                }
              });
      ctx.north.sendUnnumbered(
          io.stellwerk.node.wire.MessageType.HISTORY_HEAD,
          HistoryMessages.head(new HistoryMessages.Head(bytesPerRecord(), mine)));
    }
  }

  private long bytesPerRecord() {
    HistoryStore s = service.store();
    if (s == null) {
      return 0;
    }
    long records = 0;
    long bytes = 0;
    for (OwnerInfo o : s.owners().values()) {
      records += o.records();
      bytes += o.bytes();
    }
    return records == 0 ? 0 : bytes / records;
  }

  // --- benchmark and test hook ----------------------------------------------------------------

  /**
   * Records {@code n} samples of {@code <node>/bench/history} at {@code rate} per second (0: as
   * fast as the writer takes them), through the same path as PLC values.
   */
  void startFill(long n, double rate) {
    fillLeft = n;
    fillRate = rate;
    fillDone = 0;
    fillStartNanos = System.nanoTime();
  }

  boolean filling() {
    return fillLeft > 0;
  }

  private void fill(long now) {
    if (fillLeft <= 0) {
      return;
    }
    long due =
        fillRate <= 0 ? fillLeft : (long) ((now - fillStartNanos) / 1e9 * fillRate) - fillDone;
    long n = Math.min(Math.min(due, fillLeft), Math.max(0, service.room() - 1000));
    n = Math.min(n, 20_000);
    String key = ctx.nodeId() + "/bench/history";
    for (long i = 0; i < n; i++) {
      // The value is the monotonic time of recording, so a replica can measure the lag.
      record(HistoryRecord.Kind.SAMPLE, key, Value.of(System.nanoTime()), Quality.GOOD, "");
    }
    fillDone += n;
    fillLeft -= n;
  }

  void close() {
    service.close();
  }
}
