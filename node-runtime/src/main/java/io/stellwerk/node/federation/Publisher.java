package io.stellwerk.node.federation;

import io.stellwerk.node.dim.Entry;
import io.stellwerk.node.wire.Codec;
import io.stellwerk.node.wire.Header;
import io.stellwerk.node.wire.MessageType;
import java.util.ArrayList;
import java.util.List;
import org.zeromq.ZMQ;

/**
 * One PUB stream (south or north): collects the updates of an event-loop turn into one batch,
 * numbers every message so receivers detect gaps, and sends heartbeats when idle.
 */
final class Publisher {

  /** Entries per UPDATES message; larger turns are split. */
  static final int MAX_BATCH = 2000;

  private ZMQ.Socket socket;
  private final String sender;
  private final long incarnation;
  private final List<Entry> pending = new ArrayList<>();
  private long seq;
  private long lastSendNanos;

  /** The bound PUB socket. */
  ZMQ.Socket socket() {
    return socket;
  }

  /**
   * Publishes on a new socket from now on (a revocation rebinds the PUB). Subscribers see the next
   * sequence number as a gap and resync.
   */
  void replace(ZMQ.Socket fresh) {
    socket = fresh;
  }

  Publisher(ZMQ.Socket socket, String sender, long incarnation) {
    this.socket = socket;
    this.sender = sender;
    this.incarnation = incarnation;
  }

  void add(Entry e) {
    pending.add(e);
  }

  /** The sequence of the last message sent: a delta cut now contains everything up to it. */
  long seq() {
    return seq;
  }

  /** Sends the pending batch; returns the number of entries sent. */
  int flush(long nowNanos) {
    int sent = pending.size();
    for (int from = 0; from < pending.size(); from += MAX_BATCH) {
      List<Entry> batch = pending.subList(from, Math.min(pending.size(), from + MAX_BATCH));
      seq++;
      send(MessageType.UPDATES, Codec.entries(batch));
    }
    pending.clear();
    if (sent > 0) {
      lastSendNanos = nowNanos;
    }
    return sent;
  }

  /** Sends a heartbeat if nothing was sent for an interval. */
  void heartbeatIfIdle(long nowNanos, long intervalNanos) {
    if (nowNanos - lastSendNanos >= intervalNanos) {
      send(MessageType.HEARTBEAT, new byte[0]);
      lastSendNanos = nowNanos;
    }
  }

  /**
   * Sends a message outside the numbered update stream (history records and heads carry their own
   * continuity): it takes no sequence number, so receivers' gap detection does not see it.
   */
  void sendUnnumbered(MessageType type, byte[] body) {
    send(type, body);
  }

  private void send(MessageType type, byte[] body) {
    socket.sendMore(Codec.header(new Header(type, sender, incarnation, seq)));
    socket.sendMore(body);
    socket.send(Codec.NO_SIGNATURE, ZMQ.DONTWAIT);
  }
}
