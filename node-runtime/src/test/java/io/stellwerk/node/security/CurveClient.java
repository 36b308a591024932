package io.stellwerk.node.security;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * A DEALER in a context of its own (as in another process) with a monitor, so tests see what only
 * the client side shows: successful handshakes and authentication failures. jeromq ends a
 * connection for good once ZAP refuses it, so {@link #reconnect()} stands for a node recreating its
 * socket after a receive deadline. Used from the test thread only.
 */
final class CurveClient implements AutoCloseable {

  private static final AtomicInteger IDS = new AtomicInteger();

  private final ZContext zctx = new ZContext();
  private final CurveCert ownSecret;
  private final byte[] serverKey;
  private final String routingId;
  private final String endpoint;
  private ZMQ.Socket dealer;
  private ZMQ.Socket monitor;
  private int succeeded;
  private int authFailed;

  CurveClient(CurveCert ownSecret, byte[] serverKey, String routingId, String endpoint) {
    this.ownSecret = ownSecret;
    this.serverKey = serverKey;
    this.routingId = routingId;
    this.endpoint = endpoint;
    open();
  }

  private void open() {
    dealer = zctx.createSocket(SocketType.DEALER);
    dealer.setLinger(0);
    dealer.setReconnectIVL(50);
    dealer.setReconnectIVLMax(200);
    dealer.setIdentity(routingId.getBytes(StandardCharsets.UTF_8));
    CurveSecurity.client(dealer, ownSecret, serverKey);
    String mon = "inproc://curve-client-monitor-" + IDS.incrementAndGet();
    dealer.monitor(mon, ZMQ.HANDSHAKE_SUCCEEDED | ZMQ.HANDSHAKE_FAILED_AUTH);
    monitor = zctx.createSocket(SocketType.PAIR);
    monitor.connect(mon);
    dealer.connect(endpoint);
  }

  /** Closes the socket and connects a new one with the same key and routing id. */
  void reconnect() {
    drain();
    zctx.destroySocket(dealer);
    zctx.destroySocket(monitor);
    open();
  }

  String routingId() {
    return routingId;
  }

  void send(String text) {
    dealer.send(text, ZMQ.DONTWAIT);
  }

  /** Handshakes that succeeded so far (drains the monitor). */
  int succeeded() {
    drain();
    return succeeded;
  }

  /** Handshakes the server's ZAP handler refused so far (drains the monitor). */
  int authFailed() {
    drain();
    return authFailed;
  }

  private void drain() {
    ZMQ.Event e;
    while ((e = ZMQ.Event.recv(monitor, ZMQ.DONTWAIT)) != null) {
      if (e.getEvent() == ZMQ.HANDSHAKE_SUCCEEDED) {
        succeeded++;
      } else if (e.getEvent() == ZMQ.HANDSHAKE_FAILED_AUTH) {
        authFailed++;
      }
    }
  }

  @Override
  public void close() {
    zctx.close();
  }
}
