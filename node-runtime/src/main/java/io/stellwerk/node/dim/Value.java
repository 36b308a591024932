package io.stellwerk.node.dim;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * A typed DIM value. Immutable; {@code raw} is a Boolean, Long, Double, String or byte[] matching
 * the type.
 */
public final class Value {

  private final ValueType type;
  private final Object raw;

  private Value(ValueType type, Object raw) {
    this.type = type;
    this.raw = Objects.requireNonNull(raw, "raw");
  }

  public static Value of(boolean b) {
    return new Value(ValueType.BOOL, b);
  }

  public static Value of(long l) {
    return new Value(ValueType.LONG, l);
  }

  public static Value of(double d) {
    return new Value(ValueType.DOUBLE, d);
  }

  public static Value of(String s) {
    return new Value(ValueType.STRING, s);
  }

  public static Value of(byte[] b) {
    return new Value(ValueType.BYTES, b.clone());
  }

  /**
   * Parses text as a value of the given type, as typed on a command line.
   *
   * @throws IllegalArgumentException with a sentence naming the expected form
   */
  public static Value parse(ValueType type, String text) {
    String t = text.trim();
    switch (type) {
      case BOOL -> {
        if (t.equalsIgnoreCase("true") || t.equals("1")) {
          return of(true);
        }
        if (t.equalsIgnoreCase("false") || t.equals("0")) {
          return of(false);
        }
        throw new IllegalArgumentException("'" + text + "' is not a bool (true or false)");
      }
      case LONG -> {
        try {
          return of(Long.parseLong(t));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("'" + text + "' is not a whole number");
        }
      }
      case DOUBLE -> {
        try {
          double d = Double.parseDouble(t);
          if (!Double.isFinite(d)) {
            throw new NumberFormatException();
          }
          return of(d);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("'" + text + "' is not a number");
        }
      }
      case STRING -> {
        return of(text);
      }
      default -> {
        try {
          return of(Base64.getDecoder().decode(t));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("'" + text + "' is not base64 bytes");
        }
      }
    }
  }

  public ValueType type() {
    return type;
  }

  public boolean asBool() {
    return (Boolean) raw;
  }

  public long asLong() {
    return (Long) raw;
  }

  public double asDouble() {
    return type == ValueType.LONG ? (Long) raw : (Double) raw;
  }

  public String asString() {
    return (String) raw;
  }

  public byte[] asBytes() {
    return ((byte[]) raw).clone();
  }

  /** The raw object, for encoders (byte arrays are not copied: do not modify). */
  Object raw() {
    return raw;
  }

  /** The value as text (bytes in base64). */
  public String text() {
    return type == ValueType.BYTES
        ? Base64.getEncoder().encodeToString((byte[]) raw)
        : String.valueOf(raw);
  }

  /** Bytes that identify the value, for digests. */
  public byte[] canonicalBytes() {
    return type == ValueType.BYTES ? (byte[]) raw : text().getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Value v) || v.type != type) {
      return false;
    }
    return type == ValueType.BYTES
        ? Arrays.equals((byte[]) raw, (byte[]) v.raw)
        : raw.equals(v.raw);
  }

  @Override
  public int hashCode() {
    return type == ValueType.BYTES ? Arrays.hashCode((byte[]) raw) : raw.hashCode();
  }

  @Override
  public String toString() {
    return text();
  }
}
