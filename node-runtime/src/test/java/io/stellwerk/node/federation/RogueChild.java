package io.stellwerk.node.federation;

import io.stellwerk.node.dim.Entry;
import io.stellwerk.node.dim.VersionVector;
import io.stellwerk.node.topology.EndpointPlan;
import io.stellwerk.node.topology.HostMapping;
import io.stellwerk.node.topology.SocketRole;
import io.stellwerk.node.topology.StationId;
import io.stellwerk.node.topology.Topology;
import io.stellwerk.node.wire.Codec;
import io.stellwerk.node.wire.Header;
import io.stellwerk.node.wire.MessageType;
import io.stellwerk.node.wire.SignedBatch;
import io.stellwerk.node.wire.SyncChunk;
import io.stellwerk.node.wire.SyncRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * A misbehaving child in place of a real station, speaking the real protocol on real sockets: it
 * binds the child's north PUB and talks to the parent's south ROUTER with the child's identity, so
 * tests can make it publish what a correct node never would.
 */
final class RogueChild implements AutoCloseable {

  private final ZContext zctx = new ZContext();
  private final String station;
  final ZMQ.Socket dealer;
  final ZMQ.Socket pub;
  private long seq;

  RogueChild(Topology topology, String childStation) {
    StationId me = StationId.parse(childStation).orElseThrow();
    this.station = childStation;
    EndpointPlan plan = new EndpointPlan(topology, HostMapping.identity());
    pub = zctx.createSocket(SocketType.PUB);
    pub.setLinger(0);
    pub.bind(plan.bound(me, SocketRole.NORTH_PUB).uri());
    dealer = zctx.createSocket(SocketType.DEALER);
    dealer.setLinger(0);
    dealer.setIdentity(childStation.getBytes(StandardCharsets.UTF_8));
    dealer.connect(plan.parentRouters(me).get(0).uri());
  }

  /** Runs a sync exchange, sending {@code delta} as the subtree delta. */
  void sync(List<Entry> delta) {
    send(
        dealer,
        MessageType.SYNC_REQUEST,
        Codec.syncRequest(new SyncRequest(1, false, new VersionVector())));
    while (true) {
      try {
        Frames.Message m = Frames.decode(List.of(dealer.recv(0)), 0);
        if (m.header().type() == MessageType.SYNC_REPLY && Codec.syncChunk(m.body()).last()) {
          break;
        }
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
    send(
        dealer,
        MessageType.SUBTREE_DELTA,
        Codec.syncChunk(new SyncChunk(1, seq, new VersionVector(), 0, true, asRelayed(delta))));
  }

  /**
   * Entries as a relay passes them on: one unsigned batch per owner, signed by nobody (the parent
   * runs without security, so only the topology's access rules stand between it and these).
   */
  static List<SignedBatch> asRelayed(List<Entry> entries) {
    Map<String, List<Entry>> byOwner = new LinkedHashMap<>();
    entries.forEach(e -> byOwner.computeIfAbsent(e.owner(), o -> new ArrayList<>()).add(e));
    List<SignedBatch> out = new ArrayList<>();
    byOwner.forEach((owner, es) -> out.add(SignedBatch.unsigned(owner, es)));
    return out;
  }

  /** Publishes live updates on the north PUB, in sequence. */
  synchronized void publish(List<Entry> entries) {
    seq++;
    send(pub, MessageType.UPDATES, Codec.batches(asRelayed(entries)));
  }

  void heartbeat() {
    send(pub, MessageType.HEARTBEAT, new byte[0]);
  }

  /** Sends raw frames on a socket, for malformed-input tests. */
  static void sendRaw(ZMQ.Socket s, List<byte[]> frames) {
    for (int i = 0; i < frames.size(); i++) {
      s.send(frames.get(i), i < frames.size() - 1 ? ZMQ.SNDMORE : 0);
    }
  }

  /**
   * Heartbeats on the north PUB every {@code intervalMs} from a thread of its own, as a live child
   * does, so the parent does not declare the link dead (and recreate its subscriber, losing what is
   * published meanwhile) between the test's steps.
   */
  void keepAlive(long intervalMs) {
    Thread t =
        new Thread(
            () -> {
              while (!closed) {
                heartbeat();
                java.util.concurrent.locks.LockSupport.parkNanos(intervalMs * 1_000_000L);
              }
            },
            "rogue-heartbeat");
    t.setDaemon(true);
    t.start();
  }

  private volatile boolean closed;

  private synchronized void send(ZMQ.Socket s, MessageType type, byte[] body) {
    if (closed) {
      return;
    }
    s.send(Codec.message(new Header(type, station, 42, seq), body));
  }

  @Override
  public void close() {
    synchronized (this) {
      closed = true;
    }
    zctx.close();
  }
}
