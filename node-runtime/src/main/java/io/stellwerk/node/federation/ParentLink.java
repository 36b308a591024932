package io.stellwerk.node.federation;

import io.stellwerk.node.dim.Entry;
import io.stellwerk.node.dim.Keys;
import io.stellwerk.node.dim.VersionVector;
import io.stellwerk.node.security.TrustRole;
import io.stellwerk.node.topology.Endpoint;
import io.stellwerk.node.topology.StationId;
import io.stellwerk.node.wire.Codec;
import io.stellwerk.node.wire.Header;
import io.stellwerk.node.wire.MalformedFrameException;
import io.stellwerk.node.wire.MessageType;
import io.stellwerk.node.wire.SignedBatch;
import io.stellwerk.node.wire.SyncChunk;
import io.stellwerk.node.wire.SyncRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * The child's side of the link to one parent station: a DEALER to the parent's south ROUTER and a
 * SUB on its south PUB. Waits to hear the parent, exchanges version vectors (the parent sends what
 * this station lacks outside its subtree, this station sends what the parent lacks inside it), then
 * applies the live stream in sequence. A gap or a parent restart starts a new exchange; a silent
 * parent past the deadline gets fresh sockets.
 */
final class ParentLink extends LinkSession {

  private static final Logger log = LoggerFactory.getLogger(ParentLink.class);

  final StationId parent;
  private final ZContext zctx;
  private final StreamTracker tracker = new StreamTracker();
  ZMQ.Socket dealer;
  ZMQ.Socket sub;
  HistoryFeed history;
  long lastSyncMillis = -1;
  int lastSyncEntries;
  private long syncId;
  private int nextChunk;
  private int chunkEntries;
  private long syncStartNanos;
  private long lastReplyNanos;
  private VersionVector floor;
  // An exchange whose end was held back while this peer was a stalled active (see resumeHeldSync).
  private boolean heldSync;

  ParentLink(StationId parent, StationContext ctx, ZContext zctx) {
    super(ctx);
    this.parent = parent;
    this.zctx = zctx;
  }

  /** Creates the sockets; the exchange starts once the parent is heard. */
  @Override
  void open(long now) {
    Endpoint router =
        ctx.plan.parentRouters(ctx.station).stream()
            .filter(e -> e.remote().equals(parent))
            .findFirst()
            .orElseThrow();
    Endpoint pub =
        ctx.plan.parentPubs(ctx.station).stream()
            .filter(e -> e.remote().equals(parent))
            .findFirst()
            .orElseThrow();
    dealer = Sockets.dealer(zctx, ctx.station.toString().getBytes(StandardCharsets.UTF_8));
    ctx.connectTo(dealer, parent, TrustRole.PARENT);
    dealer.connect(router.uri());
    sub = Sockets.sub(zctx);
    ctx.connectTo(sub, parent, TrustRole.PARENT);
    sub.connect(pub.uri());
    lastHeardNanos = now;
    lastReplyNanos = now;
  }

  /**
   * While an exchange runs, the parent counts as heard only when it answers on the DEALER: its PUB
   * can be heard while the DEALER is cut off (refused by the parent's ZAP handler before the key
   * was accepted, and not reconnected by jeromq), and heartbeats alone would leave the link waiting
   * for a reply forever.
   */
  @Override
  long heardNanos() {
    return state == LinkState.SYNCING
        ? Math.min(lastHeardNanos, Math.max(syncStartNanos, lastReplyNanos))
        : lastHeardNanos;
  }

  /** Only an answer on the DEALER shows the whole link works: the PUB alone may be heard. */
  @Override
  boolean workedSince(long nanos) {
    return lastReplyNanos > nanos;
  }

  @Override
  void close() {
    zctx.destroySocket(dealer);
    zctx.destroySocket(sub);
  }

  private void heard(long now) {
    lastHeardNanos = now;
    if (state == LinkState.DOWN) {
      startSync(now);
    }
  }

  /** Starts the exchange again if one was held at its end and the hold is over. */
  void resumeHeldSync(long now) {
    if (heldSync && !ctx.holdNorthSync.getAsBoolean()) {
      heldSync = false;
      if (state != LinkState.DOWN) {
        log.info("sync with {} resumed after this peer's stall", parent);
        startSync(now);
      }
    }
  }

  /** Starts a new exchange if the parent is reachable (used after an HA takeover). */
  void resync(long now) {
    if (state != LinkState.DOWN) {
      startSync(now);
    }
  }

  void startSync(long now) {
    heldSync = false;
    state = state.to(LinkState.SYNCING);
    tracker.beginSync();
    syncId++;
    nextChunk = 0;
    chunkEntries = 0;
    syncStartNanos = now;
    ctx.counters.resyncs++;
    // Delta batches are not in version order: until an exchange completes, ask from the vector we
    // had before it began, so a broken delta cannot leave holes below what we claim to hold.
    if (floor == null) {
      floor = ctx.dim.vector().copy();
    }
    byte[] body =
        Codec.syncRequest(new SyncRequest(syncId, ctx.node.options().subtreeOnly(), floor));
    Frames.send(dealer, null, Frames.header(ctx, MessageType.SYNC_REQUEST), body);
  }

  /** A message on the parent's south PUB. */
  void onStream(Frames.Message m, long now) throws MalformedFrameException {
    heard(now);
    Header h = m.header();
    StreamTracker.Verdict v;
    if (h.type() == MessageType.UPDATES) {
      // Filtered before buffering: the parent's broadcast carries our own subtree back as an echo,
      // and holding that during a long sync would only cost memory.
      List<SignedBatch> batches = withoutEchoes(Codec.batches(m.reader()));
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
      log.info("gap in the stream from {}: resyncing", parent);
      startSync(now);
    }
  }

  /** A SYNC_REPLY or RESYNC on the DEALER (commands are the router's). */
  void onSyncMessage(Frames.Message m, long now) throws MalformedFrameException {
    lastReplyNanos = now;
    heard(now);
    if (m.header().type() == MessageType.RESYNC) {
      startSync(now);
      return;
    }
    SyncChunk c = Codec.syncChunk(m.reader());
    if (state != LinkState.SYNCING || c.syncId() != syncId) {
      return; // a reply to an exchange we already gave up
    }
    if (c.chunk() != nextChunk) {
      startSync(now);
      return;
    }
    nextChunk++;
    chunkEntries += c.entryCount();
    apply(c.batches());
    if (!c.last()) {
      return;
    }
    if (ctx.holdNorthSync.getAsBoolean()) {
      // Finishing now would hand the parent a stale "active" of this peer (see
      // HaController#holdsNorthSync); the exchange starts again once the hold is over.
      heldSync = true;
      log.warn(
          "sync with {} held: this peer's loop stalled while active, and its peer is not heard yet",
          parent);
      return;
    }
    List<List<SignedBatch>> replay =
        tracker.completeSync(m.header().incarnation(), c.snapshotSeq());
    if (replay == null) {
      startSync(now);
      return;
    }
    floor = null;
    replay.forEach(this::apply);
    sendSubtreeDelta(c);
    state = state.to(LinkState.LIVE);
    lastSyncMillis = (now - syncStartNanos) / 1_000_000;
    lastSyncEntries = chunkEntries;
    log.info("in sync with {}: {} entries in {} ms", parent, chunkEntries, lastSyncMillis);
  }

  private void sendSubtreeDelta(SyncChunk reply) {
    String own = ctx.nodeId();
    List<Entry> delta =
        ctx.active()
            ? ctx.dim.newerThan(reply.vector(), owner -> Keys.ownerWithin(owner, own))
            : List.of();
    long snapshot = ctx.north == null ? 0 : ctx.north.seq();
    for (SyncChunk out :
        DeltaChunks.of(
            reply.syncId(),
            snapshot,
            new VersionVector(),
            ctx.batchesOf(delta),
            ctx.config.syncChunk())) {
      Frames.send(
          dealer, null, Frames.header(ctx, MessageType.SUBTREE_DELTA), Codec.syncChunk(out));
    }
  }

  /**
   * The parent's broadcast carries our own subtree back as an echo: dropped before buffering, since
   * holding it during a long sync would only cost memory. A batch has one owner, so this is exact.
   */
  private List<SignedBatch> withoutEchoes(List<SignedBatch> batches) {
    List<SignedBatch> out = new ArrayList<>(batches.size());
    for (SignedBatch b : batches) {
      String owner = b.size() == 0 ? null : b.entries().get(0).owner();
      if (owner != null && Keys.ownerWithin(owner, ctx.nodeId())) {
        ctx.counters.echoesIgnored += b.size();
      } else {
        out.add(b);
      }
    }
    return out;
  }

  private void apply(List<SignedBatch> batches) {
    for (SignedBatch b : batches) {
      ctx.applyBatch(
          b, Source.PARENT, e -> ctx.acceptFromParent(e, parent.toString()), neighbour());
    }
  }

  @Override
  String neighbour() {
    return "parent " + parent;
  }
}
