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
 * The parent's history sync with one child station. It asks for everything after its positions per
 * owner of the child's subtree, takes the delta chunk by chunk and grants credit only while its
 * writer has room (so memory stays bounded however large the delta), then follows the child's live
 * records. A record that does not follow what this station holds (a gap), a delta that stalls, or a
 * child head that stays ahead without progress starts a new delta: the exchange resumes where the
 * store stands, and records already held are skipped.
 */
final class HistoryLink {

  private static final Logger log = LoggerFactory.getLogger(HistoryLink.class);

  /** Chunks granted at the start of a delta. */
  static final int CREDIT_WINDOW = 8;

  private final HistoryHub hub;
  private final ChildChannel channel;
  private final StationId child;
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

  HistoryLink(HistoryHub hub, ChildChannel channel) {
    this.hub = hub;
    this.channel = channel;
    this.child = channel.child;
  }

  /** The child's newest positions: start a delta if none runs and the child is ahead. */
  void onHead(HistoryMessages.Head h, long now) {
    Map<String, Position> in = new TreeMap<>();
    h.heads()
        .forEach(
            (o, p) -> {
              if (Keys.ownerWithin(o, child.nodeId())) {
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
      if (Keys.ownerWithin(s.toString(), child.nodeId())) {
        after.put(s.toString(), hub.accepted(s.toString()));
      }
    }
    heads.keySet().forEach(o -> after.put(o, hub.accepted(o)));
    log.debug("history delta {} from {} ({})", session, child, why);
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
    if (!hub.accept(c.records(), child)) {
      startDelta(now, "a delta chunk did not follow the store");
      return;
    }
    deltaRecords += c.records().size();
    if (c.last()) {
      state = state.to(HistorySyncState.LIVE);
      lastSyncMillis = System.currentTimeMillis();
      behindAtLastHead = -1;
      log.info(
          "history of {} in sync ({} records in {} deltas so far)", child, deltaRecords, deltas);
      return;
    }
    owed++;
    grant();
  }

  /** Live records on the child's north PUB (taken during a delta too, when they follow). */
  void onLive(List<Linked> records, long now) {
    if (state == HistorySyncState.DOWN) {
      return;
    }
    boolean contiguous = hub.accept(records, child);
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
    if (channel.state == LinkState.DOWN) {
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

  /** Grants the owed credit while the writer has room for it. */
  private void grant() {
    if (owed == 0 || hub.room() < (owed + CREDIT_WINDOW) * HistoryFeed.CHUNK_RECORDS) {
      return;
    }
    send(
        MessageType.HISTORY_CREDIT,
        HistoryMessages.credit(new HistoryMessages.Credit(session, owed)));
    owed = 0;
  }

  private void send(MessageType type, byte[] body) {
    Frames.send(channel.router(), channel.identity, Frames.header(hub.ctx, type), body);
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
