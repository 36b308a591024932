package io.stellwerk.node.federation;

import io.stellwerk.node.wire.Codec;
import io.stellwerk.node.wire.Header;
import io.stellwerk.node.wire.MessageType;
import io.stellwerk.node.wire.SignedBatch;
import java.util.ArrayList;
import java.util.List;
import org.zeromq.ZMQ;

/**
 * One PUB stream (south or north): collects the owner batches of an event-loop turn (this station's
 * own, signed, and those it relays, byte for byte) into as few messages as the size bound allows,
 * numbers every message so receivers detect gaps, and sends heartbeats when idle.
 */
final class Publisher {

  /** Entries per UPDATES message (and per owner batch); larger turns are split. */
  static final int MAX_BATCH = 2000;

  private ZMQ.Socket socket;
  private final String sender;
  private final long incarnation;
  private final List<SignedBatch> pending = new ArrayList<>();
  private int pendingEntries;
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

  void add(SignedBatch b) {
    pending.add(b);
    pendingEntries += b.size();
  }

  /** The sequence of the last message sent: a delta cut now contains everything up to it. */
  long seq() {
    return seq;
  }

  /** Sends the pending batch; returns the number of entries sent. */
  int flush(long nowNanos) {
    int sent = pendingEntries;
    for (List<SignedBatch> message : messages(pending)) {
      seq++;
      send(MessageType.UPDATES, Codec.batches(message));
    }
    pending.clear();
    pendingEntries = 0;
    if (sent > 0) {
      lastSendNanos = nowNanos;
    }
    return sent;
  }

  /**
   * Groups batches into UPDATES messages of at most {@link #MAX_BATCH} entries (a larger batch goes
   * alone: it is never split, its signature covers it whole).
   */
  static List<List<SignedBatch>> messages(List<SignedBatch> batches) {
    List<List<SignedBatch>> out = new ArrayList<>();
    int from = 0;
    while (from < batches.size()) {
      int to = from;
      int entries = 0;
      while (to < batches.size() && (to == from || entries + batches.get(to).size() <= MAX_BATCH)) {
        entries += batches.get(to++).size();
      }
      out.add(batches.subList(from, to));
      from = to;
    }
    return out;
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
    socket.send(Codec.message(new Header(type, sender, incarnation, seq), body), ZMQ.DONTWAIT);
  }
}
