package io.stellwerk.node.federation;

import io.stellwerk.node.dim.VersionVector;
import io.stellwerk.node.ha.HaState;
import io.stellwerk.node.security.TrustRole;
import io.stellwerk.node.topology.StationId;
import io.stellwerk.node.wire.Codec;
import io.stellwerk.node.wire.Header;
import io.stellwerk.node.wire.MalformedFrameException;
import io.stellwerk.node.wire.MessageType;
import io.stellwerk.node.wire.SignedBatch;
import io.stellwerk.node.wire.SyncChunk;
import io.stellwerk.node.wire.SyncRequest;
import io.stellwerk.node.wire.WireReader;
import io.stellwerk.node.wire.WireWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * The link between the two peers of a pair. Each peer sends everything on its DEALER to the other's
 * peer-link ROUTER: its HA state (every heartbeat), its own writes as a numbered stream, and
 * answers to the other's sync request. So the passive holds what the active wrote, the active
 * learns the passive is ready, and a restarted peer catches up with one delta exchange.
 */
final class PeerChannel {

  final StationId peer;
  private final StationContext ctx;
  private final ZContext zctx;
  private final StreamTracker tracker = new StreamTracker();
  private final List<SignedBatch> pending = new ArrayList<>();
  private VersionVector floor;

  /** The bound peer-link ROUTER (replaced when a revocation rebinds it). */
  ZMQ.Socket router;

  ZMQ.Socket dealer;
  LinkState state = LinkState.DOWN;
  long lastHeardNanos;
  boolean everHeard;
  HaState peerState = HaState.WAITING;
  long peerEpoch;
  boolean peerReady;
  private long seq;
  private long lastRecreateNanos;
  private int fruitless;
  private long syncId;
  private int nextChunk;

  PeerChannel(StationContext ctx, ZContext zctx, ZMQ.Socket boundRouter) {
    this.ctx = ctx;
    this.zctx = zctx;
    this.peer = ctx.station.otherPeer();
    this.router = boundRouter;
  }

  /** Creates the DEALER; {@code startNanos} counts as the last time the peer was heard. */
  void open(long startNanos) {
    connect();
    lastHeardNanos = startNanos;
    lastRecreateNanos = startNanos;
  }

  private void connect() {
    dealer = Sockets.dealer(zctx, ctx.station.toString().getBytes(StandardCharsets.UTF_8));
    ctx.connectTo(dealer, peer, TrustRole.PEER);
    dealer.connect(ctx.plan.peerLink(ctx.station).orElseThrow().uri());
  }

  void close() {
    zctx.destroySocket(dealer);
  }

  /** A batch of this station's own writes, for the peer. */
  void add(SignedBatch b) {
    pending.add(b);
  }

  void flush() {
    for (List<SignedBatch> message : Publisher.messages(pending)) {
      seq++;
      send(MessageType.UPDATES, Codec.batches(message));
    }
    pending.clear();
  }

  void sendState(HaState s, long activeEpoch, boolean ready) {
    byte[] body =
        new WireWriter(16).u8(s.ordinal()).varlong(activeEpoch).u8(ready ? 1 : 0).toByteArray();
    send(MessageType.PEER_STATE, body);
  }

  void sendTakeover() {
    send(MessageType.TAKEOVER, new byte[0]);
  }

  private void send(MessageType type, byte[] body) {
    Frames.send(dealer, null, new Header(type, ctx.station.toString(), ctx.incarnation, seq), body);
  }

  /** A message on the peer-link ROUTER; returns the peer's announced state for PEER_STATE. */
  HaState onMessage(Frames.Message m, long now) throws MalformedFrameException {
    Header h = m.header();
    lastHeardNanos = now;
    everHeard = true;
    switch (h.type()) {
      case PEER_STATE -> {
        WireReader r = m.reader();
        int s = r.u8();
        if (s >= HaState.values().length) {
          throw new MalformedFrameException("bad HA state " + s);
        }
        peerState = HaState.values()[s];
        peerEpoch = r.varlong();
        peerReady = r.bool();
        r.end();
        StreamTracker.Verdict v = tracker.onHeartbeat(h);
        if (state == LinkState.DOWN) {
          startSync();
        } else if (v == StreamTracker.Verdict.GAP && state == LinkState.LIVE) {
          ctx.counters.gaps++;
          startSync();
        }
        return peerState;
      }
      case SYNC_REQUEST -> answer(Codec.syncRequest(m.body()));
      case SYNC_REPLY -> onReply(Codec.syncChunk(m.reader()), h);
      case UPDATES -> {
        List<SignedBatch> batches = Codec.batches(m.reader());
        StreamTracker.Verdict v = tracker.onUpdates(h, batches);
        if (v == StreamTracker.Verdict.APPLY) {
          apply(batches);
        } else if (v == StreamTracker.Verdict.GAP && state == LinkState.LIVE) {
          ctx.counters.gaps++;
          startSync();
        }
      }
      default -> throw new MalformedFrameException("unexpected " + h.type() + " on the peer link");
    }
    return null;
  }

  /** Starts a new exchange with the peer if it is heard (used when the signers changed). */
  void resync() {
    if (state != LinkState.DOWN) {
      startSync();
    }
  }

  private void startSync() {
    state = state.to(LinkState.SYNCING);
    tracker.beginSync();
    syncId++;
    nextChunk = 0;
    ctx.counters.resyncs++;
    // As a parent link does: ask from before an unfinished delta, which may have left holes.
    if (floor == null) {
      floor = ctx.dim.vector().copy();
    }
    Frames.send(
        dealer,
        null,
        new Header(MessageType.SYNC_REQUEST, ctx.station.toString(), ctx.incarnation, seq),
        Codec.syncRequest(new SyncRequest(syncId, false, floor)));
  }

  private void answer(SyncRequest req) {
    List<SignedBatch> delta = ctx.batchesOf(ctx.dim.newerThan(req.vector(), owner -> true));
    for (SyncChunk c :
        DeltaChunks.of(req.syncId(), seq, new VersionVector(), delta, ctx.config.syncChunk())) {
      send(MessageType.SYNC_REPLY, Codec.syncChunk(c));
    }
  }

  private void onReply(SyncChunk c, Header h) {
    if (state != LinkState.SYNCING || c.syncId() != syncId) {
      return;
    }
    if (c.chunk() != nextChunk) {
      startSync();
      return;
    }
    nextChunk++;
    apply(c.batches());
    if (!c.last()) {
      return;
    }
    List<List<SignedBatch>> replay = tracker.completeSync(h.incarnation(), c.snapshotSeq());
    if (replay == null) {
      startSync();
      return;
    }
    floor = null;
    replay.forEach(this::apply);
    state = state.to(LinkState.LIVE);
  }

  private void apply(List<SignedBatch> batches) {
    for (SignedBatch b : batches) {
      ctx.applyBatch(b, Source.PEER, e -> true, "peer " + peer);
    }
  }

  /** Whether the peer has been silent for the deadline (or never heard since start + deadline). */
  boolean silent(long now, long deadlineNanos) {
    return now - lastHeardNanos > deadlineNanos;
  }

  /** Recreates the DEALER every deadline while the peer stays silent; true if it did. */
  boolean tick(long now, long deadlineNanos) {
    if (lastHeardNanos > lastRecreateNanos) {
      fruitless = 0;
    }
    if (!silent(now, deadlineNanos)
        || now - lastRecreateNanos <= LinkSession.backoff(deadlineNanos, fruitless)) {
      return false;
    }
    if (state != LinkState.DOWN) {
      state = state.to(LinkState.DOWN);
    }
    close();
    connect();
    lastRecreateNanos = now;
    fruitless++;
    ctx.counters.linkRecreations++;
    return true;
  }

  boolean live() {
    return state == LinkState.LIVE;
  }

  long heartbeatAgeMillis(long now) {
    return (now - lastHeardNanos) / 1_000_000;
  }
}
