package io.stellwerk.node.wire;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Strict reader of {@link WireWriter}'s encodings: every overrun or bad value is malformed. */
public final class WireReader {

  /** The longest string or byte field accepted. */
  public static final int MAX_FIELD = 1 << 20;

  private final byte[] buf;
  private int pos;

  public WireReader(byte[] buf) {
    this.buf = buf;
  }

  /** A reader of {@code buf} from index {@code from} on (a message's body, without a copy). */
  public WireReader(byte[] buf, int from) {
    this.buf = buf;
    this.pos = from;
  }

  public int u8() throws MalformedFrameException {
    if (pos >= buf.length) {
      throw new MalformedFrameException("frame ends early");
    }
    return buf[pos++] & 0xFF;
  }

  public long varlong() throws MalformedFrameException {
    long v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      int b = u8();
      v |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return v;
      }
    }
    throw new MalformedFrameException("varint too long");
  }

  public long zigzag() throws MalformedFrameException {
    long v = varlong();
    return (v >>> 1) ^ -(v & 1);
  }

  /** A count that must fit the remaining bytes (each counted item takes at least one byte). */
  public int count() throws MalformedFrameException {
    long n = varlong();
    if (n < 0 || n > buf.length - pos) {
      throw new MalformedFrameException("count " + n + " exceeds the frame");
    }
    return (int) n;
  }

  public long i64() throws MalformedFrameException {
    if (pos + 8 > buf.length) {
      throw new MalformedFrameException("frame ends early");
    }
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (buf[pos++] & 0xFF);
    }
    return v;
  }

  public byte[] bytes() throws MalformedFrameException {
    long n = varlong();
    if (n < 0 || n > MAX_FIELD || pos + n > buf.length) {
      throw new MalformedFrameException("field length " + n + " exceeds the frame");
    }
    byte[] out = new byte[(int) n];
    System.arraycopy(buf, pos, out, 0, (int) n);
    pos += (int) n;
    return out;
  }

  /**
   * Like {@link #string()}, but when the field holds the same bytes as {@code last} (a string this
   * reader decoded before) returns {@code last} itself: a batch repeats the same key in record
   * after record, and this skips a copy and a decode per record.
   */
  public String string(String last, byte[] lastBytes) throws MalformedFrameException {
    int start = pos;
    long n = varlong();
    if (lastBytes != null
        && n == lastBytes.length
        && pos + lastBytes.length <= buf.length
        && Arrays.equals(buf, pos, pos + lastBytes.length, lastBytes, 0, lastBytes.length)) {
      pos += lastBytes.length;
      return last;
    }
    pos = start;
    return string();
  }

  public String string() throws MalformedFrameException {
    byte[] b = bytes();
    if (b.length == 0) {
      return "";
    }
    String fast = new String(b, StandardCharsets.UTF_8);
    if (fast.indexOf('\uFFFD') < 0) {
      return fast;
    }
    // Rare: either a real U+FFFD or invalid UTF-8; only the strict decoder can tell.
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(b))
          .toString();
    } catch (CharacterCodingException e) {
      throw new MalformedFrameException("string is not UTF-8");
    }
  }

  public boolean bool() throws MalformedFrameException {
    int b = u8();
    if (b > 1) {
      throw new MalformedFrameException("bad boolean " + b);
    }
    return b == 1;
  }

  /** Where the reader stands in its buffer. */
  public int position() {
    return pos;
  }

  /** The bytes not read yet (a message's body), as a copy; the reader then stands at the end. */
  public byte[] rest() {
    byte[] out = Arrays.copyOfRange(buf, pos, buf.length);
    pos = buf.length;
    return out;
  }

  /** Fails unless every byte was read: trailing garbage is malformed too. */
  public void end() throws MalformedFrameException {
    if (pos != buf.length) {
      throw new MalformedFrameException((buf.length - pos) + " trailing bytes");
    }
  }
}
