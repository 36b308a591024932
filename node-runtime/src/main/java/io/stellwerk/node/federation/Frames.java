package io.stellwerk.node.federation;

import io.stellwerk.node.security.CurveSecurity;
import io.stellwerk.node.wire.Codec;
import io.stellwerk.node.wire.Header;
import io.stellwerk.node.wire.MalformedFrameException;
import io.stellwerk.node.wire.MessageType;
import java.util.ArrayList;
import java.util.List;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;
import zmq.Msg;

/** Receiving and sending whole multi-frame messages on a jeromq socket, without blocking. */
final class Frames {

  /** The most frames a message may have before it is treated as garbage. */
  static final int MAX_FRAMES = 8;

  private Frames() {}

  /** Receives one whole message (all its frames), or {@code null} if none is waiting. */
  static List<byte[]> receive(ZMQ.Socket s) {
    byte[] first = s.recv(ZMQ.DONTWAIT);
    if (first == null) {
      return null;
    }
    List<byte[]> frames = new ArrayList<>(4);
    frames.add(first);
    while (s.hasReceiveMore()) {
      byte[] f = s.recv(0);
      if (frames.size() < MAX_FRAMES) {
        frames.add(f);
      }
    }
    return frames;
  }

  /**
   * Receives one whole message from a bound CURVE server socket and reports, in {@code userId[0]},
   * the identity the ZAP handler bound to the sender's key (from the first data frame after the
   * routing id), or {@code null} on a plain-text socket.
   */
  static List<byte[]> receive(ZMQ.Socket s, String[] userId) {
    Msg first = s.recvMsg(ZMQ.DONTWAIT);
    userId[0] = null;
    if (first == null) {
      return null;
    }
    List<byte[]> frames = new ArrayList<>(4);
    frames.add(first.data());
    while (s.hasReceiveMore()) {
      Msg f = s.recvMsg(0);
      if (frames.size() == 1) {
        userId[0] = CurveSecurity.userId(f).orElse(null);
      }
      if (frames.size() < MAX_FRAMES) {
        frames.add(f.data());
      }
    }
    return frames;
  }

  /** A decoded inter-node message: header and body (signature slot checked for shape only). */
  record Message(Header header, byte[] body) {}

  /** Decodes frames {@code [offset..]} as header, body, signature. */
  static Message decode(List<byte[]> frames, int offset) throws MalformedFrameException {
    if (frames.size() - offset != 3) {
      throw new MalformedFrameException("expected 3 frames, got " + (frames.size() - offset));
    }
    return new Message(Codec.header(frames.get(offset)), frames.get(offset + 1));
  }

  /** Sends header, body and signature slot, after optional routing frames. */
  static boolean send(ZMQ.Socket s, byte[] route, Header h, byte[] body) {
    try {
      // Never block the event loop: a full pipe (a slow or frozen peer) drops the message, and the
      // receiver's gap detection or deadline takes it from there.
      int more = ZMQ.SNDMORE | ZMQ.DONTWAIT;
      if (route != null && !s.send(route, more)) {
        return false;
      }
      return s.send(Codec.header(h), more)
          && s.send(body, more)
          && s.send(Codec.NO_SIGNATURE, ZMQ.DONTWAIT);
    } catch (ZMQException e) {
      // A ROUTER (mandatory routing) reports a peer that is not connected: the message is dropped.
      return false;
    }
  }

  static Header header(StationContext ctx, MessageType type) {
    return new Header(type, ctx.station.toString(), ctx.incarnation, 0);
  }
}
