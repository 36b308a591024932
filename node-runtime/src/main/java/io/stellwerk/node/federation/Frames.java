package io.stellwerk.node.federation;

import io.stellwerk.node.security.CurveSecurity;
import io.stellwerk.node.wire.Codec;
import io.stellwerk.node.wire.Header;
import io.stellwerk.node.wire.MalformedFrameException;
import io.stellwerk.node.wire.MessageType;
import io.stellwerk.node.wire.WireReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;
import zmq.Msg;

/**
 * Receiving and sending whole messages on a jeromq socket, without blocking. An inter-node message
 * is one frame ({@link Codec}), after the routing identity a ROUTER adds or takes.
 */
final class Frames {

  /** The most frames a message may have before it is treated as garbage. */
  static final int MAX_FRAMES = 8;

  private Frames() {}

  /**
   * Receives one whole message (all its frames), or {@code null} if none is waiting. The frames
   * after the first are read without waiting too: a message torn apart in jeromq (its connection
   * replaced half-read) would otherwise hold the event loop until any other message arrived. What
   * was read of it is returned, and fails to decode.
   */
  static List<byte[]> receive(ZMQ.Socket s) {
    return receive(s, null);
  }

  /**
   * Receives one whole message, as {@link #receive(ZMQ.Socket)}, from a bound CURVE server socket
   * and reports, in {@code userId[0]}, the identity the ZAP handler bound to the sender's key (from
   * the first data frame after the routing id), or {@code null} on a plain-text socket. With {@code
   * userId} null nothing is reported.
   */
  static List<byte[]> receive(ZMQ.Socket s, String[] userId) {
    if (userId != null) {
      userId[0] = null;
    }
    Msg first = s.recvMsg(ZMQ.DONTWAIT);
    if (first == null) {
      return null;
    }
    List<byte[]> frames = new ArrayList<>(4);
    frames.add(first.data());
    while (s.hasReceiveMore()) {
      Msg f = s.recvMsg(ZMQ.DONTWAIT);
      if (f == null) {
        break;
      }
      if (userId != null && frames.size() == 1) {
        userId[0] = CurveSecurity.userId(f).orElse(null);
      }
      if (frames.size() < MAX_FRAMES) {
        frames.add(f.data());
      }
    }
    return frames;
  }

  /**
   * A decoded inter-node message: its header, and its body, which starts at {@code bodyAt} in the
   * received {@code frame}.
   */
  record Message(Header header, byte[] frame, int bodyAt) {

    /** A reader at the body, without copying it (for the large messages: updates, chunks). */
    WireReader reader() {
      return new WireReader(frame, bodyAt);
    }

    /** The body as an array of its own (a copy). */
    byte[] body() {
      return Arrays.copyOfRange(frame, bodyAt, frame.length);
    }
  }

  /** Decodes frame {@code [offset]}, the last, as a message: its header, then its body. */
  static Message decode(List<byte[]> frames, int offset) throws MalformedFrameException {
    if (frames.size() - offset != 1) {
      throw new MalformedFrameException(
          "expected one message frame, got " + (frames.size() - offset));
    }
    byte[] frame = frames.get(offset);
    WireReader r = new WireReader(frame);
    Header h = Codec.header(r);
    return new Message(h, frame, r.position());
  }

  /** Sends a message (one frame), after the routing identity when {@code route} is not null. */
  static boolean send(ZMQ.Socket s, byte[] route, Header h, byte[] body) {
    try {
      // Never block the event loop: a full pipe (a slow or frozen peer) drops the message, and the
      // receiver's gap detection or deadline takes it from there.
      if (route != null && !s.send(route, ZMQ.SNDMORE | ZMQ.DONTWAIT)) {
        return false;
      }
      return s.send(Codec.message(h, body), ZMQ.DONTWAIT);
    } catch (ZMQException e) {
      // A ROUTER (mandatory routing) reports a peer that is not connected: the message is dropped.
      return false;
    }
  }

  static Header header(StationContext ctx, MessageType type) {
    return new Header(type, ctx.station.toString(), ctx.incarnation, 0);
  }
}
