package io.stellwerk.node.topology;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/**
 * One Modbus point mapped to a DIM key of its node: which table and address it lives at, how the
 * registers are read as a number (type, scale) and whether the node reads it, writes it or both.
 * The key is relative to the node: {@code fan1/speed_pct} of node {@code root.s1} is the DIM key
 * {@code root.s1/fan1/speed_pct}. A scaled register holds {@code value / scale}, rounded.
 */
public record ModbusPoint(
    String key, Table table, int address, Type type, double scale, Access access) {

  /** The fields a point may have, in the order the writer prints them. */
  public static final List<String> FIELDS =
      List.of("key", "table", "address", "type", "scale", "access");

  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_-]+(/[A-Za-z0-9_-]+)*");
  private static final int MAX_KEY = 200;

  /** The four Modbus data tables. */
  public enum Table {
    HOLDING(false, true),
    INPUT(false, false),
    COIL(true, true),
    DISCRETE(true, false);

    private final boolean bits;
    private final boolean writable;

    Table(boolean bits, boolean writable) {
      this.bits = bits;
      this.writable = writable;
    }

    /** Whether the table holds single bits (coils, discrete inputs) rather than registers. */
    public boolean bits() {
      return bits;
    }

    /** Whether a client may write the table (holding registers, coils). */
    public boolean writable() {
      return writable;
    }

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** How the raw bits or registers are read as a value. */
  public enum Type {
    BOOL(1),
    INT16(1),
    UINT16(1),
    INT32(2),
    UINT32(2),
    FLOAT32(2);

    private final int registers;

    Type(int registers) {
      this.registers = registers;
    }

    /** The number of 16-bit registers (or bits) the value takes. */
    public int registers() {
      return registers;
    }

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Whether the node reads the point into the DIM, writes it on command, or both. */
  public enum Access {
    READ,
    WRITE,
    READ_WRITE;

    public boolean reads() {
      return this != WRITE;
    }

    public boolean writes() {
      return this != READ;
    }

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The last address the point takes. */
  public int lastAddress() {
    return address + (table.bits() ? 1 : type.registers()) - 1;
  }

  /**
   * Reads a point as written, reporting each problem as (field, message) with fields named {@code
   * key}, {@code table}, ...; empty when a problem makes the point unusable.
   *
   * @param where how messages name the point, e.g. {@code point 2 of root.a}
   */
  public static Optional<ModbusPoint> read(
      Map<String, String> raw, String where, BiConsumer<String, String> problems) {
    boolean ok = true;
    String key = raw.get("key");
    if (key == null) {
      problems.accept("", where + " has no 'key'");
      ok = false;
    } else if (!KEY.matcher(key).matches() || key.length() > MAX_KEY) {
      problems.accept(
          "key",
          "key '"
              + key
              + "' of "
              + where
              + " is not valid: a path of names (letters, digits, '_' and '-') joined by '/',"
              + " such as fan1/speed_pct");
      ok = false;
    } else if (key.equals("ha") || key.startsWith("ha/")) {
      problems.accept(
          "key", "key '" + key + "' of " + where + " is reserved: ha/ holds the pair's HA state");
      ok = false;
    }
    Table table = null;
    String tableText = raw.get("table");
    if (tableText == null) {
      problems.accept("", where + " has no 'table' (one of: " + labels(Table.values()) + ")");
      ok = false;
    } else {
      table = byLabel(Table.values(), tableText);
      if (table == null) {
        problems.accept(
            "table",
            "table '" + tableText + "' of " + where + " must be one of: " + labels(Table.values()));
        ok = false;
      }
    }
    Integer address = null;
    String addressText = raw.get("address");
    if (addressText == null) {
      problems.accept("", where + " has no 'address'");
      ok = false;
    } else {
      address = wholeNumber(addressText);
      if (address == null || address < 0 || address > 65535) {
        problems.accept(
            "address",
            "address '"
                + addressText
                + "' of "
                + where
                + " must be a whole number from 0 to 65535");
        ok = false;
        address = null;
      }
    }
    Type type = null;
    if (table != null) {
      String typeText = raw.get("type");
      type =
          typeText == null
              ? (table.bits() ? Type.BOOL : Type.INT16)
              : byLabel(Type.values(), typeText);
      boolean fits = type != null && (type == Type.BOOL) == table.bits();
      if (!fits) {
        problems.accept(
            "type",
            "type '"
                + typeText
                + "' of "
                + where
                + " does not fit a "
                + table.label()
                + (table.bits()
                    ? " bit: it is bool"
                    : " register: use int16, uint16, int32, uint32 or float32"));
        ok = false;
      }
    }
    double scale = 1;
    String scaleText = raw.get("scale");
    if (scaleText != null) {
      Double s = number(scaleText);
      if (table != null && table.bits()) {
        problems.accept("scale", "a " + table.label() + " bit of " + where + " takes no scale");
        ok = false;
      } else if (s == null || s == 0 || !Double.isFinite(s)) {
        problems.accept(
            "scale", "scale '" + scaleText + "' of " + where + " must be a number other than 0");
        ok = false;
      } else {
        scale = s;
      }
    }
    Access access = Access.READ;
    String accessText = raw.get("access");
    if (accessText != null) {
      access = byLabel(Access.values(), accessText);
      if (access == null) {
        problems.accept(
            "access",
            "access '"
                + accessText
                + "' of "
                + where
                + " must be one of: "
                + labels(Access.values()));
        ok = false;
      }
    }
    if (access != null && table != null && access.writes() && !table.writable()) {
      problems.accept(
          "access",
          where
              + " is in the "
              + table.label()
              + " table, which is read-only: access must be read");
      ok = false;
    }
    if (address != null
        && type != null
        && table != null
        && address + type.registers() - 1 > 65535) {
      problems.accept("address", where + " runs past register 65535");
      ok = false;
    }
    return ok
        ? Optional.of(new ModbusPoint(key, table, address, type, scale, access))
        : Optional.empty();
  }

  private static Integer wholeNumber(String text) {
    try {
      return Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Double number(String text) {
    try {
      return Double.parseDouble(text.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static <E extends Enum<E>> E byLabel(E[] values, String label) {
    return Arrays.stream(values)
        .filter(v -> v.name().toLowerCase(Locale.ROOT).equals(label))
        .findFirst()
        .orElse(null);
  }

  private static String labels(Enum<?>[] values) {
    return String.join(
        ", ", Arrays.stream(values).map(v -> v.name().toLowerCase(Locale.ROOT)).toList());
  }
}
