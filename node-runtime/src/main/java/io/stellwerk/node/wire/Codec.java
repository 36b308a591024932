package io.stellwerk.node.wire;

import io.stellwerk.node.dim.Entry;
import io.stellwerk.node.dim.Quality;
import io.stellwerk.node.dim.Value;
import io.stellwerk.node.dim.ValueType;
import io.stellwerk.node.dim.Version;
import io.stellwerk.node.dim.VersionVector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Encodes and decodes inter-node messages. A message is one ZeroMQ frame: the header, then the
 * body's bytes. One frame, not several: jeromq's fair queue can lose the rest of a multi-frame
 * message when the connection it is read from is replaced while the message is half read (a
 * reconnecting peer taking over its routing identity), and then asserts or splices the next
 * connection's frames on — a single frame is read whole or not at all.
 */
public final class Codec {

  /** First byte of every header frame. */
  public static final int MAGIC = 0x53;

  /**
   * Protocol version; a peer speaking another version is dropped as malformed. 2: one frame per
   * message (1 had header, body and an empty third frame).
   */
  public static final int PROTOCOL = 2;

  /** The signature of a batch that is not signed (a station running without keys). */
  public static final byte[] NO_SIGNATURE = new byte[0];

  private static final Quality[] QUALITIES = Quality.values();
  private static final ValueType[] TYPES = ValueType.values();

  private Codec() {}

  /** A header alone (what a message starts with). */
  public static byte[] header(Header h) {
    return writeHeader(new WireWriter(32 + h.sender().length()), h).toByteArray();
  }

  /** A whole message: the header, then the body's bytes. */
  public static byte[] message(Header h, byte[] body) {
    byte[] head = header(h);
    byte[] out = Arrays.copyOf(head, head.length + body.length);
    System.arraycopy(body, 0, out, head.length, body.length);
    return out;
  }

  private static WireWriter writeHeader(WireWriter w, Header h) {
    return w.u8(MAGIC)
        .u8(PROTOCOL)
        .u8(h.type().ordinal())
        .string(h.sender())
        .i64(h.incarnation())
        .varlong(h.streamSeq());
  }

  /** A header alone; anything after it is malformed. */
  public static Header header(byte[] frame) throws MalformedFrameException {
    WireReader r = new WireReader(frame);
    Header h = header(r);
    r.end();
    return h;
  }

  /** Reads the header a message starts with; the reader then stands at the body. */
  public static Header header(WireReader r) throws MalformedFrameException {
    if (r.u8() != MAGIC) {
      throw new MalformedFrameException("not a Stellwerk frame");
    }
    int protocol = r.u8();
    if (protocol != PROTOCOL) {
      throw new MalformedFrameException("protocol version " + protocol + " is not " + PROTOCOL);
    }
    MessageType type = MessageType.of(r.u8());
    return new Header(type, r.string(), r.i64(), r.varlong());
  }

  // --- entries --------------------------------------------------------------------------------

  public static byte[] entries(List<Entry> entries) {
    WireWriter w = new WireWriter(entries.size() * 48 + 8);
    writeEntries(w, entries);
    return w.toByteArray();
  }

  public static List<Entry> entries(byte[] body) throws MalformedFrameException {
    WireReader r = new WireReader(body);
    List<Entry> out = readEntries(r);
    r.end();
    return out;
  }

  // --- signed batches -------------------------------------------------------------------------

  /** An UPDATES body: owner batches, each relayed byte for byte. */
  public static byte[] batches(List<SignedBatch> batches) {
    WireWriter w = new WireWriter(encodedSize(batches) + 8);
    writeBatches(w, batches);
    return w.toByteArray();
  }

  public static List<SignedBatch> batches(byte[] body) throws MalformedFrameException {
    return batches(new WireReader(body));
  }

  /** The batches from where {@code r} stands to the end of its frame. */
  public static List<SignedBatch> batches(WireReader r) throws MalformedFrameException {
    List<SignedBatch> out = readBatches(r);
    r.end();
    return out;
  }

  private static int encodedSize(List<SignedBatch> batches) {
    int size = 0;
    for (SignedBatch b : batches) {
      size += b.body().length + b.signature().length + b.signer().length() + 16;
    }
    return size;
  }

  private static void writeBatches(WireWriter w, List<SignedBatch> batches) {
    w.varlong(batches.size());
    for (SignedBatch b : batches) {
      w.string(b.signer()).bytes(b.body()).bytes(b.signature());
    }
  }

  private static List<SignedBatch> readBatches(WireReader r) throws MalformedFrameException {
    int n = r.count();
    List<SignedBatch> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String signer = r.string();
      byte[] body = r.bytes();
      byte[] signature = r.bytes();
      if (signature.length != 0 && signature.length != 64) {
        throw new MalformedFrameException("bad signature length " + signature.length);
      }
      out.add(new SignedBatch(signer, body, signature, entries(body)));
    }
    return out;
  }

  private static void writeEntries(WireWriter w, List<Entry> entries) {
    w.varlong(entries.size());
    for (Entry e : entries) {
      w.string(e.key());
      int flags = (e.isTombstone() ? 1 : 0) | (e.forced() ? 2 : 0);
      w.u8(flags).u8(e.quality().ordinal());
      if (!e.isTombstone()) {
        writeValue(w, e.value());
      }
      w.zigzag(e.sourceTime()).varlong(e.version().epoch()).varlong(e.version().seq());
    }
  }

  private static List<Entry> readEntries(WireReader r) throws MalformedFrameException {
    int n = r.count();
    List<Entry> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String key = r.string();
      int flags = r.u8();
      if (flags > 3) {
        throw new MalformedFrameException("bad entry flags " + flags);
      }
      int q = r.u8();
      if (q >= QUALITIES.length) {
        throw new MalformedFrameException("bad quality " + q);
      }
      Value value = (flags & 1) != 0 ? null : readValue(r);
      long ts = r.zigzag();
      Version v = new Version(r.varlong(), r.varlong());
      out.add(new Entry(key, value, QUALITIES[q], ts, v, (flags & 2) != 0));
    }
    return out;
  }

  private static void writeValue(WireWriter w, Value v) {
    w.u8(v.type().ordinal());
    switch (v.type()) {
      case BOOL -> w.u8(v.asBool() ? 1 : 0);
      case LONG -> w.zigzag(v.asLong());
      case DOUBLE -> w.i64(Double.doubleToRawLongBits(v.asDouble()));
      case STRING -> w.string(v.asString());
      case BYTES -> w.bytes(v.asBytes());
    }
  }

  private static Value readValue(WireReader r) throws MalformedFrameException {
    int t = r.u8();
    if (t >= TYPES.length) {
      throw new MalformedFrameException("bad value type " + t);
    }
    return switch (TYPES[t]) {
      case BOOL -> Value.of(r.bool());
      case LONG -> Value.of(r.zigzag());
      case DOUBLE -> Value.of(Double.longBitsToDouble(r.i64()));
      case STRING -> Value.of(r.string());
      case BYTES -> Value.of(r.bytes());
    };
  }

  // --- sync -----------------------------------------------------------------------------------

  public static byte[] syncRequest(SyncRequest s) {
    WireWriter w = new WireWriter(64);
    w.varlong(s.syncId()).u8(s.subtreeOnly() ? 1 : 0);
    writeVector(w, s.vector());
    return w.toByteArray();
  }

  public static SyncRequest syncRequest(byte[] body) throws MalformedFrameException {
    WireReader r = new WireReader(body);
    SyncRequest s = new SyncRequest(r.varlong(), r.bool(), readVector(r));
    r.end();
    return s;
  }

  public static byte[] syncChunk(SyncChunk c) {
    WireWriter w = new WireWriter(encodedSize(c.batches()) + 64);
    w.varlong(c.syncId()).varlong(c.snapshotSeq());
    writeVector(w, c.vector());
    w.varlong(c.chunk()).u8(c.last() ? 1 : 0);
    writeBatches(w, c.batches());
    return w.toByteArray();
  }

  public static SyncChunk syncChunk(byte[] body) throws MalformedFrameException {
    return syncChunk(new WireReader(body));
  }

  /** The sync chunk from where {@code r} stands to the end of its frame. */
  public static SyncChunk syncChunk(WireReader r) throws MalformedFrameException {
    long id = r.varlong();
    long snap = r.varlong();
    VersionVector vv = readVector(r);
    long chunk = r.varlong();
    if (chunk > Integer.MAX_VALUE) {
      throw new MalformedFrameException("bad chunk index");
    }
    SyncChunk c = new SyncChunk(id, snap, vv, (int) chunk, r.bool(), readBatches(r));
    r.end();
    return c;
  }

  private static void writeVector(WireWriter w, VersionVector vv) {
    Map<String, Version> m = vv.asMap();
    w.varlong(m.size());
    m.forEach((owner, v) -> w.string(owner).varlong(v.epoch()).varlong(v.seq()));
  }

  private static VersionVector readVector(WireReader r) throws MalformedFrameException {
    int n = r.count();
    VersionVector vv = new VersionVector();
    for (int i = 0; i < n; i++) {
      vv.advance(r.string(), new Version(r.varlong(), r.varlong()));
    }
    return vv;
  }

  // --- commands -------------------------------------------------------------------------------

  public static byte[] command(CommandRequest c) {
    WireWriter w = new WireWriter(96);
    w.i64(c.id().getMostSignificantBits()).i64(c.id().getLeastSignificantBits());
    w.string(c.origin())
        .string(c.target())
        .zigzag(c.deadline())
        .u8(c.op().ordinal())
        .string(c.key());
    if (c.value() == null) {
      w.u8(0);
    } else {
      w.u8(1);
      writeValue(w, c.value());
    }
    return w.toByteArray();
  }

  public static CommandRequest command(byte[] body) throws MalformedFrameException {
    WireReader r = new WireReader(body);
    UUID id = new UUID(r.i64(), r.i64());
    String origin = r.string();
    String target = r.string();
    long deadline = r.zigzag();
    int op = r.u8();
    if (op >= CommandRequest.Op.values().length) {
      throw new MalformedFrameException("bad command op " + op);
    }
    String key = r.string();
    Value value = r.bool() ? readValue(r) : null;
    r.end();
    return new CommandRequest(
        id, origin, target, deadline, CommandRequest.Op.values()[op], key, value);
  }

  public static byte[] commandReply(CommandReply c) {
    return new WireWriter(48 + c.reason().length())
        .i64(c.id().getMostSignificantBits())
        .i64(c.id().getLeastSignificantBits())
        .u8(c.outcome().ordinal())
        .string(c.reason())
        .toByteArray();
  }

  public static CommandReply commandReply(byte[] body) throws MalformedFrameException {
    WireReader r = new WireReader(body);
    UUID id = new UUID(r.i64(), r.i64());
    int o = r.u8();
    if (o >= CommandReply.Outcome.values().length) {
      throw new MalformedFrameException("bad outcome " + o);
    }
    String reason = r.string();
    r.end();
    return new CommandReply(id, CommandReply.Outcome.values()[o], reason);
  }
}
