package io.stellwerk.node.security;

import io.stellwerk.node.topology.SocketRole;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import zmq.Msg;

/**
 * A bound CURVE ROUTER on loopback, configured the way {@code Sockets} will configure it, that
 * hands the test each message with its routing id and ZAP user id. Used from the test thread only.
 */
final class CurveServer implements AutoCloseable {

  /** A received message: who the routing id says, who the key says, and the text. */
  record Received(
      String routingId, Optional<String> userId, boolean sentByRoutingId, String text) {}

  private final ZContext zctx;
  private final SocketRole role;
  private final StationKeys keys;
  private ZMQ.Socket router;
  private String endpoint;

  CurveServer(ZContext zctx, SocketRole role, StationKeys keys, boolean secure) {
    this.zctx = zctx;
    this.role = role;
    this.keys = keys;
    router = create(secure);
    router.bind("tcp://127.0.0.1:*");
    endpoint = router.getLastEndpoint();
  }

  private ZMQ.Socket create(boolean secure) {
    ZMQ.Socket s = zctx.createSocket(SocketType.ROUTER);
    s.setLinger(0);
    if (secure) {
      CurveSecurity.server(s, role, keys);
    } else {
      // The same options as CurveSecurity.server, without its check for a ZAP handler.
      s.setZAPDomain(CurveSecurity.domainOf(role));
      s.setCurveServer(true);
      s.setCurveSecretKey(keys.curveSecret());
    }
    return s;
  }

  String endpoint() {
    return endpoint;
  }

  /** The next message, or {@code null} if none is waiting. */
  Received poll() {
    Msg id = router.recvMsg(ZMQ.DONTWAIT);
    if (id == null) {
      return null;
    }
    Msg body = router.recvMsg(0);
    String routingId = new String(id.data(), StandardCharsets.UTF_8);
    return new Received(
        routingId,
        CurveSecurity.userId(body),
        CurveSecurity.sentBy(id.data(), body),
        new String(body.data(), StandardCharsets.UTF_8));
  }

  /**
   * Cuts every connection by closing the socket and binding a new one on the same endpoint, the way
   * the event loop cuts a revoked key: every client reconnects through ZAP again.
   */
  boolean rebind() {
    if (router != null) {
      zctx.destroySocket(router);
      router = null;
    }
    ZMQ.Socket s = create(true);
    try {
      if (s.bind(endpoint)) {
        router = s;
        return true;
      }
    } catch (org.zeromq.ZMQException e) {
      // The old socket's port is released asynchronously; the caller tries again.
    }
    zctx.destroySocket(s);
    return false;
  }

  @Override
  public void close() {
    if (router != null) {
      zctx.destroySocket(router);
    }
  }
}
