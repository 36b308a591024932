package io.stellwerk.node.history;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The layout of the {@code keys} database (format 2): one empty entry per record, keyed by the
 * record's DIM key (empty for journal records: raise, ack, clear, gap), {@code 0x00}, then the
 * record's own key (owner, {@code 0x00}, timestamp, sequence). So the records of one key and owner
 * in a time range, or an owner's journal, are one cursor walk over exactly those entries, each
 * followed by one lookup of the record — a read proportional to its result, not to the owner's
 * records. A DIM key longer than {@link #MAX_KEY_BYTES} is indexed by its first bytes (readers
 * compare the whole key), so every index key fits LMDB's 511-byte limit.
 */
final class KeyIndex {

  /** The most bytes of a DIM key in an index key. */
  static final int MAX_KEY_BYTES = 256;

  static final byte[] JOURNAL = new byte[0];

  private KeyIndex() {}

  /** The indexed part of a DIM key (empty for the journal). */
  static byte[] keyPart(String key) {
    byte[] b = key.getBytes(StandardCharsets.UTF_8);
    if (b.length <= MAX_KEY_BYTES) {
      return b;
    }
    byte[] cut = new byte[MAX_KEY_BYTES];
    System.arraycopy(b, 0, cut, 0, MAX_KEY_BYTES);
    return cut;
  }

  /** The indexed part for a record: its key for a sample, the journal's (empty) else. */
  static byte[] keyPartOf(HistoryRecord r) {
    return r.kind() == HistoryRecord.Kind.SAMPLE ? keyPart(r.key()) : JOURNAL;
  }

  /** The indexed part for a stored body (kind byte, then the key as length and UTF-8 bytes). */
  static byte[] keyPartOf(ByteBuffer body) {
    int p = body.position();
    if (body.get(p) != HistoryRecord.Kind.SAMPLE.ordinal()) {
      return JOURNAL;
    }
    long len = 0;
    int shift = 0;
    int i = p + 1;
    while (true) {
      int b = body.get(i++) & 0xFF;
      len |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        break;
      }
      shift += 7;
    }
    byte[] out = new byte[(int) Math.min(len, MAX_KEY_BYTES)];
    body.duplicate().position(i).get(out);
    return out;
  }

  static int size(byte[] keyPart, byte[] ownerPrefix) {
    return keyPart.length + 1 + ownerPrefix.length + 16;
  }

  static void put(ByteBuffer buf, byte[] keyPart, byte[] ownerPrefix, long ts, long seq) {
    buf.clear();
    buf.put(keyPart).put((byte) 0).put(ownerPrefix).putLong(ts).putLong(seq).flip();
  }

  /**
   * The position of an index entry of {@code keyPart} and the owner, or null if the entry belongs
   * to another key or owner.
   */
  static Position positionOf(ByteBuffer entry, byte[] keyPart, byte[] ownerPrefix) {
    if (entry.remaining() != size(keyPart, ownerPrefix)) {
      return null;
    }
    int p = entry.position();
    for (int i = 0; i < keyPart.length; i++) {
      if (entry.get(p + i) != keyPart[i]) {
        return null;
      }
    }
    if (entry.get(p + keyPart.length) != 0) {
      return null;
    }
    ByteBuffer rest = entry.duplicate().position(p + keyPart.length + 1);
    return RecordCodec.positionOf(rest, ownerPrefix);
  }
}
