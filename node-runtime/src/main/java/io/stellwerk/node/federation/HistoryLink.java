package io.stellwerk.node.federation;

import io.stellwerk.node.dim.Keys;
import io.stellwerk.node.history.HistoryMessages;
import io.stellwerk.node.history.Position;
import io.stellwerk.node.history.RecordCodec.Linked;
import io.stellwerk.node.topology.StationId;
import io.stellwerk.node.wire.MessageType;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The history sync with one source of records: a child station (whose subtree's records this
 * station replicates) or the other peer of this station's pair (whose own records it replicates).
 * It asks for everything after its positions per owner of the child's subtree, takes the delta
 * chunk by chunk and grants credit only while its writer has room (so memory stays bounded however
 * large the delta), then follows the child's live records. A record that does not follow what this
 * station holds (a gap), a delta that stalls, or a child head that stays ahead without progress
 * starts a new delta: the exchange resumes where the store stands, and records already held are
 * skipped.
 */
final class HistoryLink {

  private static final Logger log = LoggerFactory.getLogger(HistoryLink.class);

  /** Chunks granted at the start of a delta. */
  static final int CREDIT_WINDOW = 8;

  /**
   * Credit is granted only while the writer's queue holds at most this many records besides the
   * chunks in flight: two transactions' worth keeps the writer busy, and a short queue keeps the
   * records alive in memory few (a long one made the young collections copy them again and again).
   */
  static final int DELTA_BACKLOG = 40_000;

  /** The other end of a link: whose records it may send, and how to reach it. */
  interface Source {
    /** The station at the other end (for logs). */
    String name();

    /** Whether records of {@code owner} may come from this source. */
    boolean owns(String owner);

    /** Whether the link to it is down. */
    boolean down();

    void send(MessageType type, byte[] body);
  }

  private final HistoryHub hub;
  private final Source source;
  HistorySyncState state = HistorySyncState.DOWN;
  private long session;
  private long nextChunk;
  private int owed;
  private long lastProgressNanos;
  private Map<String, Position> heads = Map.of();
  private long bytesPerRecord;
  private long behindAtLastHead = -1;
  private long takenSinceHead;
  long lastSyncMillis = -1;
  long deltaRecords;
  long deltas;

  HistoryLink(HistoryHub hub, Source source) {
    this.hub = hub;
    this.source = source;
    hub.links.add(this);
  }

  /** The link with a child station: it sends the records of its subtree. */
  HistoryLink(HistoryHub hub, ChildChannel channel) {
    this(hub, childSource(hub, channel));
  }

  private static Source childSource(HistoryHub hub, ChildChannel channel) {
    StationId child = channel.child;
    return new Source() {
      @Override
      public String name() {
        return child.toString();
      }

      @Override
      public boolean owns(String owner) {
        return Keys.ownerWithin(owner, child.nodeId());
      }

      @Override
      public boolean down() {
        return channel.state == LinkState.DOWN;
      }

      @Override
      public void send(MessageType type, byte[] body) {
        Frames.send(channel.router(), channel.identity, Frames.header(hub.ctx, type), body);
      }
    };
  }

  /** The child's newest positions: start a delta if none runs and the child is ahead. */
  void onHead(HistoryMessages.Head h, long now) {
    Map<String, Position> in = new TreeMap<>();
    h.heads()
        .forEach(
            (o, p) -> {
              if (source.owns(o)) {
                in.put(o, p);
              }
            });
    heads = in;
    bytesPerRecord = h.bytesPerRecord();
    long behind = recordsBehind();
    if (state == HistorySyncState.DOWN) {
      startDelta(now, "child heard");
    } else if (state == HistorySyncState.LIVE
        && behind > 0
        && behindAtLastHead > 0
        && takenSinceHead == 0) {
      // Behind at two heads in a row and nothing arrived in between: the tail of the live
      // records was lost on the way (records merely in flight keep arriving).
      startDelta(now, "behind by " + behind + " records without progress");
    }
    behindAtLastHead = behind;
    takenSinceHead = 0;
  }

  void startDelta(long now, String why) {
    state = state.to(HistorySyncState.DELTA);
    session++;
    deltas++;
    nextChunk = 0;
    owed = 0;
    lastProgressNanos = now;
    Map<String, Position> after = new TreeMap<>();
    for (StationId s : hub.ctx.topology.stations()) {
      if (source.owns(s.toString())) {
        after.put(s.toString(), hub.accepted(s.toString()));
      }
    }
    heads.keySet().forEach(o -> after.put(o, hub.accepted(o)));
    log.debug("history delta {} from {} ({})", session, source.name(), why);
    send(
        MessageType.HISTORY_REQUEST,
        HistoryMessages.request(new HistoryMessages.Request(session, CREDIT_WINDOW, after)));
  }

  void onChunk(HistoryMessages.Chunk c, long now) {
    if (state != HistorySyncState.DELTA || c.session() != session) {
      return; // a chunk of a delta we gave up
    }
    if (c.index() != nextChunk) {
      startDelta(now, "chunk " + c.index() + " arrived, expected " + nextChunk);
      return;
    }
    nextChunk++;
    lastProgressNanos = now;
    boolean overtaken = !c.last() && allHeld(c.records());
    if (!hub.accept(c.records(), source::owns)) {
      startDelta(now, "a delta chunk did not follow the store");
      return;
    }
    deltaRecords += c.records().size();
    if (overtaken) {
      // The child's live records got here first (it is writing while it serves the delta): ask
      // again from where the store now stands rather than take the rest of the delta twice.
      startDelta(now, "the live records overtook the delta");
      return;
    }
    if (c.last()) {
      state = state.to(HistorySyncState.LIVE);
      lastSyncMillis = System.currentTimeMillis();
      behindAtLastHead = -1;
      log.info(
          "history of {} in sync ({} records in {} deltas so far)",
          source.name(),
          deltaRecords,
          deltas);
      return;
    }
    owed++;
    grant();
  }

  /** True if this station already holds every record of a (non-empty) chunk. */
  private boolean allHeld(List<Linked> records) {
    if (records.isEmpty()) {
      return false;
    }
    for (Linked l : records) {
      if (l.record().position().isAfter(hub.accepted(l.record().owner()))) {
        return false;
      }
    }
    return true;
  }

  /** Live records on the child's north PUB (taken during a delta too, when they follow). */
  void onLive(List<Linked> records, long now) {
    if (state == HistorySyncState.DOWN) {
      return;
    }
    boolean contiguous = hub.accept(records, source::owns);
    takenSinceHead += records.size();
    if (state == HistorySyncState.LIVE) {
      if (contiguous) {
        lastSyncMillis = System.currentTimeMillis();
      } else {
        hub.ctx.counters.historyGaps++;
        startDelta(now, "gap in the live records");
      }
    }
  }

  void tick(long now, long deadlineNanos) {
    if (source.down()) {
      if (state != HistorySyncState.DOWN) {
        state = state.to(HistorySyncState.DOWN);
      }
      return;
    }
    if (state == HistorySyncState.DELTA) {
      grant();
      if (now - lastProgressNanos > Math.max(deadlineNanos, 2_000_000_000L)) {
        startDelta(now, "the delta stalled");
      }
    }
  }

  /** Grants the owed credit while the writer has room for it (also when the writer stored some). */
  void grant() {
    int inFlight = (owed + CREDIT_WINDOW) * HistoryFeed.CHUNK_RECORDS;
    if (owed == 0 || hub.room() < inFlight || hub.service().queued() > DELTA_BACKLOG) {
      return;
    }
    send(
        MessageType.HISTORY_CREDIT,
        HistoryMessages.credit(new HistoryMessages.Credit(session, owed)));
    owed = 0;
  }

  private void send(MessageType type, byte[] body) {
    source.send(type, body);
  }

  /** Records the child holds that this station does not (from the last head). */
  long recordsBehind() {
    long n = 0;
    for (Map.Entry<String, Position> e : heads.entrySet()) {
      Position mine = hub.accepted(e.getKey());
      if (e.getValue().isAfter(mine)) {
        n += Math.max(1, e.getValue().seq() - mine.seq());
      }
    }
    return n;
  }

  long bytesBehind() {
    return recordsBehind() * bytesPerRecord;
  }
}
