package io.stellwerk.node.wire;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable byte buffer with the primitive encodings of the wire format (varints, strings). */
public final class WireWriter {

  private byte[] buf;
  private int pos;

  public WireWriter(int capacity) {
    buf = new byte[Math.max(16, capacity)];
  }

  private void ensure(int n) {
    if (pos + n > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
    }
  }

  public WireWriter u8(int b) {
    ensure(1);
    buf[pos++] = (byte) b;
    return this;
  }

  /** Unsigned LEB128. */
  public WireWriter varlong(long v) {
    ensure(10);
    while ((v & ~0x7FL) != 0) {
      buf[pos++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    buf[pos++] = (byte) v;
    return this;
  }

  /** Signed values, zig-zag encoded. */
  public WireWriter zigzag(long v) {
    return varlong((v << 1) ^ (v >> 63));
  }

  public WireWriter i64(long v) {
    ensure(8);
    for (int i = 7; i >= 0; i--) {
      buf[pos++] = (byte) (v >>> (i * 8));
    }
    return this;
  }

  public WireWriter bytes(byte[] b) {
    varlong(b.length);
    return raw(b);
  }

  /** Appends bytes as they are, without a length (the rest of a message). */
  public WireWriter raw(byte[] b) {
    ensure(b.length);
    System.arraycopy(b, 0, buf, pos, b.length);
    pos += b.length;
    return this;
  }

  public WireWriter string(String s) {
    return bytes(s.getBytes(StandardCharsets.UTF_8));
  }

  public int size() {
    return pos;
  }

  /** Empties the writer for reuse, keeping its buffer. */
  public WireWriter reset() {
    pos = 0;
    return this;
  }

  /** Puts what was written into {@code out} (which must have room for {@link #size()} bytes). */
  public void copyTo(java.nio.ByteBuffer out) {
    out.put(buf, 0, pos);
  }

  public byte[] toByteArray() {
    return Arrays.copyOf(buf, pos);
  }
}
