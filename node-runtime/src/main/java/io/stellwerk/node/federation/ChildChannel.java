package io.stellwerk.node.federation;

import io.stellwerk.node.dim.Entry;
import io.stellwerk.node.dim.Keys;
import io.stellwerk.node.dim.VersionVector;
import io.stellwerk.node.history.HistoryMessages;
import io.stellwerk.node.security.TrustRole;
import io.stellwerk.node.topology.StationId;
import io.stellwerk.node.wire.Codec;
import io.stellwerk.node.wire.Header;
import io.stellwerk.node.wire.MalformedFrameException;
import io.stellwerk.node.wire.MessageType;
import io.stellwerk.node.wire.SignedBatch;
import io.stellwerk.node.wire.SyncChunk;
import io.stellwerk.node.wire.SyncRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * The parent's side of the link to one child station: a SUB on the child's north PUB, and the
 * child's DEALER as seen on this station's south ROUTER. Answers the child's sync request with what
 * the child lacks, applies the child's subtree delta, then follows its live stream; asks the child
 * to resync on a gap or when it comes back after silence.
 */
final class ChildChannel extends LinkSession {

  private static final Logger log = LoggerFactory.getLogger(ChildChannel.class);

  final StationId child;
  final byte[] identity;
  private final ZContext zctx;

  /** The south ROUTER (replaced when a revocation rebinds it). */
  ZMQ.Socket router;

  private final StreamTracker tracker = new StreamTracker();
  ZMQ.Socket sub;
  HistoryLink history;
  private long syncId = -1;
  private VersionVector floor;
  private int nextChunk;

  ChildChannel(StationId child, StationContext ctx, ZContext zctx, ZMQ.Socket router) {
    super(ctx);
    this.child = child;
    this.identity = child.toString().getBytes(StandardCharsets.UTF_8);
    this.zctx = zctx;
    this.router = router;
  }

  @Override
  void open(long now) {
    sub = Sockets.sub(zctx);
    ctx.connectTo(sub, child, TrustRole.CHILD);
    ctx.plan.childPubs(ctx.station).stream()
        .filter(e -> e.remote().equals(child))
        .forEach(e -> sub.connect(e.uri()));
    lastHeardNanos = now;
  }

  @Override
  void close() {
    zctx.destroySocket(sub);
  }

  ZMQ.Socket router() {
    return router;
  }

  /** A message on the child's north PUB. */
  void onStream(Frames.Message m, long now) throws MalformedFrameException {
    lastHeardNanos = now;
    Header h = m.header();
    if (state == LinkState.DOWN) {
      requestResync();
    }
    if (h.type() == MessageType.HISTORY_LIVE || h.type() == MessageType.HISTORY_HEAD) {
      if (history != null) {
        if (h.type() == MessageType.HISTORY_LIVE) {
          history.onLive(HistoryMessages.live(m.reader()), now);
        } else {
          history.onHead(HistoryMessages.head(m.body()), now);
        }
      }
      return;
    }
    StreamTracker.Verdict v;
    if (h.type() == MessageType.UPDATES) {
      List<SignedBatch> batches = Codec.batches(m.reader());
      v = tracker.onUpdates(h, batches);
      if (v == StreamTracker.Verdict.APPLY) {
        apply(batches);
      }
    } else if (h.type() == MessageType.HEARTBEAT) {
      v = tracker.onHeartbeat(h);
    } else {
      throw new MalformedFrameException("unexpected " + h.type() + " on a PUB stream");
    }
    if (v == StreamTracker.Verdict.GAP && state == LinkState.LIVE) {
      ctx.counters.gaps++;
      log.info("gap in the stream from {}: asking it to resync", child);
      requestResync();
    }
  }

  /** The child asks for what it lacks: answer with the delta outside its subtree. */
  void onSyncRequest(Frames.Message m, long now) throws MalformedFrameException {
    SyncRequest req = Codec.syncRequest(m.body());
    lastHeardNanos = now;
    state = state.to(LinkState.SYNCING);
    tracker.beginSync();
    syncId = req.syncId();
    nextChunk = 0;
    String childNode = child.nodeId();
    List<Entry> delta =
        req.subtreeOnly()
            ? List.of()
            : ctx.dim.newerThan(req.vector(), owner -> !Keys.ownerWithin(owner, childNode));
    // What we hold of the child's subtree, as of before any unfinished delta from it: its batches
    // are not in version order, so a broken delta may have left holes below our current vector.
    if (floor == null) {
      floor = ctx.dim.vector().filter(owner -> Keys.ownerWithin(owner, childNode));
    }
    VersionVector ours = floor;
    long snapshot = ctx.south.seq();
    for (SyncChunk c :
        DeltaChunks.of(
            req.syncId(), snapshot, ours, ctx.batchesOf(delta), ctx.config.syncChunk())) {
      Frames.send(router, identity, Frames.header(ctx, MessageType.SYNC_REPLY), Codec.syncChunk(c));
    }
  }

  /** A chunk of the child's subtree delta. */
  void onSubtreeDelta(Frames.Message m, long now) throws MalformedFrameException {
    SyncChunk c = Codec.syncChunk(m.reader());
    lastHeardNanos = now;
    if (state != LinkState.SYNCING || c.syncId() != syncId) {
      return;
    }
    if (c.chunk() != nextChunk) {
      requestResync();
      return;
    }
    nextChunk++;
    apply(c.batches());
    if (!c.last()) {
      return;
    }
    List<List<SignedBatch>> replay =
        tracker.completeSync(m.header().incarnation(), c.snapshotSeq());
    if (replay == null) {
      requestResync();
      return;
    }
    floor = null;
    replay.forEach(this::apply);
    state = state.to(LinkState.LIVE);
    log.info("child {} in sync", child);
  }

  /** Asks the child for a new exchange (after a gap, or when the signers changed). */
  void resync() {
    requestResync();
  }

  private void requestResync() {
    state = state.to(LinkState.SYNCING);
    tracker.beginSync();
    syncId = -1;
    Frames.send(router, identity, Frames.header(ctx, MessageType.RESYNC), new byte[0]);
  }

  private void apply(List<SignedBatch> batches) {
    for (SignedBatch b : batches) {
      ctx.applyBatch(b, Source.CHILD, e -> ctx.acceptFromChild(e, child), neighbour());
    }
  }

  @Override
  String neighbour() {
    return "child " + child;
  }
}
