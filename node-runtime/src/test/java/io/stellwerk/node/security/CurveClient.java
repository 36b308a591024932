package io.stellwerk.node.security;

import java.nio.charset.StandardCharsets;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * A CURVE DEALER in a context of its own, as in another process. jeromq ends a connection for good
 * once ZAP refuses it, so {@link #reconnect()} stands for a node recreating its socket after a
 * receive deadline. Refusals are counted at the server's ZAP handler, not on a client monitor. Used
 * from the test thread only.
 */
final class CurveClient implements AutoCloseable {

  private ZContext zctx = new ZContext();
  private final CurveCert ownSecret;
  private final byte[] serverKey;
  private final String routingId;
  private final String endpoint;
  private ZMQ.Socket dealer;

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
    dealer.connect(endpoint);
  }

  /** Closes the socket and its context and connects anew with the same key and routing id. */
  void reconnect() {
    zctx.close();
    zctx = new ZContext();
    open();
  }

  String routingId() {
    return routingId;
  }

  void send(String text) {
    dealer.send(text, ZMQ.DONTWAIT);
  }

  @Override
  public void close() {
    zctx.close();
  }
}
