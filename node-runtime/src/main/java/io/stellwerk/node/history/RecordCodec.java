package io.stellwerk.node.history;

import io.stellwerk.node.dim.Quality;
import io.stellwerk.node.dim.Value;
import io.stellwerk.node.dim.ValueType;
import io.stellwerk.node.wire.MalformedFrameException;
import io.stellwerk.node.wire.WireReader;
import io.stellwerk.node.wire.WireWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The byte layouts of history: the LMDB key (owner, 0x00, timestamp and sequence as unsigned
 * big-endian longs, so LMDB's byte order is the owner's time order), the stored body of a record,
 * and the wire form of a list of records with the position each one follows.
 */
public final class RecordCodec {

  private static final HistoryRecord.Kind[] KINDS = HistoryRecord.Kind.values();
  private static final Quality[] QUALITIES = Quality.values();
  private static final ValueType[] TYPES = ValueType.values();

  private RecordCodec() {}

  /** A record and the position of the record before it in the sender's stream of that owner. */
  public record Linked(HistoryRecord record, Position prev) {}

  // --- LMDB keys ------------------------------------------------------------------------------

  static byte[] ownerPrefix(String owner) {
    byte[] o = owner.getBytes(StandardCharsets.UTF_8);
    byte[] k = new byte[o.length + 1];
    System.arraycopy(o, 0, k, 0, o.length);
    return k;
  }

  static void putKey(ByteBuffer buf, byte[] ownerPrefix, long ts, long seq) {
    buf.clear();
    buf.put(ownerPrefix).putLong(ts).putLong(seq).flip();
  }

  /** The position in a record key, or null if the key belongs to another owner. */
  static Position positionOf(ByteBuffer key, byte[] ownerPrefix) {
    if (key.remaining() != ownerPrefix.length + 16) {
      return null;
    }
    for (int i = 0; i < ownerPrefix.length; i++) {
      if (key.get(key.position() + i) != ownerPrefix[i]) {
        return null;
      }
    }
    int p = key.position() + ownerPrefix.length;
    return new Position(key.getLong(p), key.getLong(p + 8));
  }

  // --- stored body ----------------------------------------------------------------------------

  /** Writes the stored body of {@code r} into {@code w} (emptied first), to reuse one buffer. */
  static WireWriter body(WireWriter w, HistoryRecord r) {
    writeBody(w.reset(), r);
    return w;
  }

  static HistoryRecord body(String owner, Position p, byte[] b) throws MalformedFrameException {
    WireReader r = new WireReader(b);
    HistoryRecord rec = readBody(r, owner, p.ts(), p.seq(), new LastKey());
    r.end();
    return rec;
  }

  private static void writeBody(WireWriter w, HistoryRecord r) {
    w.u8(r.kind().ordinal()).string(r.key()).u8(r.quality().ordinal());
    if (r.value() == null) {
      w.u8(0);
    } else {
      Value v = r.value();
      w.u8(1 + v.type().ordinal());
      switch (v.type()) {
        case BOOL -> w.u8(v.asBool() ? 1 : 0);
        case LONG -> w.zigzag(v.asLong());
        case DOUBLE -> w.i64(Double.doubleToRawLongBits(v.asDouble()));
        case STRING -> w.string(v.asString());
        case BYTES -> w.bytes(v.asBytes());
      }
    }
    w.string(r.text());
  }

  /** The key of the record read before, so a run of one key is decoded once. */
  private static final class LastKey {
    String key;
    byte[] bytes;
  }

  private static HistoryRecord readBody(WireReader r, String owner, long ts, long seq, LastKey last)
      throws MalformedFrameException {
    int k = r.u8();
    if (k >= KINDS.length) {
      throw new MalformedFrameException("unknown history record kind " + k);
    }
    String key = r.string(last.key, last.bytes);
    if (key != last.key) {
      last.key = key;
      last.bytes = key.getBytes(StandardCharsets.UTF_8);
    }
    int q = r.u8();
    if (q >= QUALITIES.length) {
      throw new MalformedFrameException("bad quality " + q);
    }
    int t = r.u8();
    if (t > TYPES.length) {
      throw new MalformedFrameException("bad value type " + t);
    }
    Value v =
        t == 0
            ? null
            : switch (TYPES[t - 1]) {
              case BOOL -> Value.of(r.bool());
              case LONG -> Value.of(r.zigzag());
              case DOUBLE -> Value.of(Double.longBitsToDouble(r.i64()));
              case STRING -> Value.of(r.string());
              case BYTES -> Value.of(r.bytes());
            };
    return new HistoryRecord(owner, ts, seq, KINDS[k], key, v, QUALITIES[q], r.string());
  }

  // --- wire -----------------------------------------------------------------------------------

  /** Writes records with their predecessors; owners are written once per message. */
  public static void writeLinked(WireWriter w, List<Linked> records) {
    Map<String, Integer> owners = new HashMap<>();
    List<String> order = new ArrayList<>();
    for (Linked l : records) {
      if (owners.putIfAbsent(l.record().owner(), order.size()) == null) {
        order.add(l.record().owner());
      }
    }
    w.varlong(order.size());
    order.forEach(w::string);
    w.varlong(records.size());
    for (Linked l : records) {
      HistoryRecord r = l.record();
      w.varlong(owners.get(r.owner()));
      w.varlong(r.ts()).varlong(r.seq());
      // The predecessor as a distance back: small, and never negative in a well-formed stream.
      w.zigzag(r.ts() - l.prev().ts()).zigzag(r.seq() - l.prev().seq());
      writeBody(w, r);
    }
  }

  public static List<Linked> readLinked(WireReader r) throws MalformedFrameException {
    int n = r.count();
    List<String> owners = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String o = r.string();
      if (o.isEmpty()) {
        throw new MalformedFrameException("empty history owner");
      }
      owners.add(o);
    }
    int count = r.count();
    List<Linked> out = new ArrayList<>(count);
    LastKey last = new LastKey();
    for (int i = 0; i < count; i++) {
      long idx = r.varlong();
      if (idx >= owners.size()) {
        throw new MalformedFrameException("history owner index out of range");
      }
      long ts = r.varlong();
      long seq = r.varlong();
      Position prev = new Position(ts - r.zigzag(), seq - r.zigzag());
      HistoryRecord rec = readBody(r, owners.get((int) idx), ts, seq, last);
      if (!rec.position().isAfter(prev)) {
        throw new MalformedFrameException("history record does not follow its predecessor");
      }
      out.add(new Linked(rec, prev));
    }
    return out;
  }

  /** Writes a map of positions per owner. */
  public static void writePositions(WireWriter w, Map<String, Position> positions) {
    w.varlong(positions.size());
    positions.forEach((o, p) -> w.string(o).varlong(p.ts()).varlong(p.seq()));
  }

  public static Map<String, Position> readPositions(WireReader r) throws MalformedFrameException {
    int n = r.count();
    Map<String, Position> m = new java.util.LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      m.put(r.string(), new Position(r.varlong(), r.varlong()));
    }
    return m;
  }
}
