package io.stellwerk.node.federation;

import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * Creates every socket a station uses, with the options that matter (linger, high-water marks,
 * reconnect, handover). The one place where CURVE options will be applied.
 */
final class Sockets {

  static final int HWM = 50_000;

  private Sockets() {}

  private static ZMQ.Socket base(ZContext z, SocketType type) {
    ZMQ.Socket s = z.createSocket(type);
    s.setLinger(0);
    s.setSndHWM(HWM);
    s.setRcvHWM(HWM);
    s.setReconnectIVL(100);
    s.setReconnectIVLMax(1000);
    return s;
  }

  static ZMQ.Socket pub(ZContext z) {
    return base(z, SocketType.PUB);
  }

  static ZMQ.Socket sub(ZContext z) {
    ZMQ.Socket s = base(z, SocketType.SUB);
    s.subscribe(ZMQ.SUBSCRIPTION_ALL);
    return s;
  }

  static ZMQ.Socket dealer(ZContext z, byte[] identity) {
    ZMQ.Socket s = base(z, SocketType.DEALER);
    s.setIdentity(identity);
    return s;
  }

  static ZMQ.Socket router(ZContext z) {
    ZMQ.Socket s = base(z, SocketType.ROUTER);
    // A restarted or reconnected child takes its identity over instead of being refused.
    s.setRouterHandover(true);
    // Without it jeromq's ROUTER silently dropped about one reply in a hundred to a peer that had
    // just connected (reproduced with a bare ROUTER); with it, a reply to a gone peer fails
    // visibly.
    s.setRouterMandatory(true);
    return s;
  }
}
