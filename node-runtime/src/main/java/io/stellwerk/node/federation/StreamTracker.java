package io.stellwerk.node.federation;

import io.stellwerk.node.wire.Header;
import io.stellwerk.node.wire.SignedBatch;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Follows one numbered PUB stream. While a delta exchange runs it buffers live batches; when the
 * delta is applied it replays the buffered batches that came after the delta's cut. Any missing
 * sequence, or a new sender incarnation, is a gap: the caller starts a new exchange instead of
 * guessing.
 */
final class StreamTracker {

  /** Buffered entries during a sync before the exchange is restarted, to bound memory. */
  static final int MAX_BUFFERED_ENTRIES = 200_000;

  /** What to do with a received message. */
  enum Verdict {
    APPLY,
    IGNORE,
    GAP
  }

  private record Buffered(Header header, List<SignedBatch> batches) {}

  private final Deque<Buffered> buffer = new ArrayDeque<>();
  private boolean syncing = true;
  private boolean overflowed;
  private int bufferedEntries;
  private long incarnation;
  private long lastSeq;

  /** Starts buffering for a new exchange. */
  void beginSync() {
    syncing = true;
    overflowed = false;
    buffer.clear();
    bufferedEntries = 0;
  }

  /** Judges a live UPDATES batch; while syncing it is buffered and ignored for now. */
  Verdict onUpdates(Header h, List<SignedBatch> batches) {
    if (syncing) {
      int entries = 0;
      for (SignedBatch b : batches) {
        entries += b.size();
      }
      if (bufferedEntries + entries > MAX_BUFFERED_ENTRIES) {
        overflowed = true;
        buffer.clear();
        bufferedEntries = 0;
      } else if (!overflowed) {
        buffer.add(new Buffered(h, batches));
        bufferedEntries += entries;
      }
      return Verdict.IGNORE;
    }
    return judge(h.incarnation(), h.streamSeq(), true);
  }

  /** Judges a heartbeat: it carries the last sequence, so a lost tail shows as a gap. */
  Verdict onHeartbeat(Header h) {
    if (syncing) {
      return Verdict.IGNORE;
    }
    if (h.incarnation() != incarnation || h.streamSeq() > lastSeq) {
      return Verdict.GAP;
    }
    return Verdict.IGNORE;
  }

  private Verdict judge(long inc, long seq, boolean data) {
    if (inc != incarnation) {
      return Verdict.GAP;
    }
    if (seq <= lastSeq) {
      return Verdict.IGNORE;
    }
    if (data && seq == lastSeq + 1) {
      lastSeq = seq;
      return Verdict.APPLY;
    }
    return Verdict.GAP;
  }

  /**
   * Ends an exchange whose delta contained the stream up to {@code snapshotSeq} of incarnation
   * {@code inc}. Returns the buffered batches to apply now, in order, or {@code null} when the
   * buffer shows a gap (or overflowed) and a new exchange is needed.
   */
  List<List<SignedBatch>> completeSync(long inc, long snapshotSeq) {
    syncing = false;
    incarnation = inc;
    lastSeq = snapshotSeq;
    List<List<SignedBatch>> replay = new ArrayList<>();
    boolean gap = overflowed;
    for (Buffered b : buffer) {
      if (gap) {
        break;
      }
      if (b.header().incarnation() != inc) {
        continue;
      }
      Verdict v = judge(b.header().incarnation(), b.header().streamSeq(), true);
      if (v == Verdict.APPLY) {
        replay.add(b.batches());
      } else if (v == Verdict.GAP) {
        gap = true;
      }
    }
    buffer.clear();
    bufferedEntries = 0;
    if (gap) {
      syncing = true;
      return null;
    }
    return replay;
  }

  boolean syncing() {
    return syncing;
  }
}
