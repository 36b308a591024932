package io.stellwerk.node.topology;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The PLC kinds a topology may bind, with the parameters each accepts. */
public enum PlcKind {
  /**
   * A simulated tunnel section: CO, visibility, fans, lighting and alarms. Parameters: {@code rate}
   * (updates per second per signal, default 2), {@code fans} (number of fans, default 2), {@code
   * seed} (random seed).
   */
  SIMULATOR(
      Map.of("rate", ParamType.POSITIVE_NUMBER, "fans", ParamType.COUNT, "seed", ParamType.INTEGER),
      false),

  /**
   * A PLC reached over Modbus TCP. Parameters: {@code host} (required), {@code port} (default 502),
   * {@code unit} (the unit id, default 1), {@code poll} (default 100ms), and {@code life_sign:
   * {register, interval}}, the holding register the active peer of a pair increments at that
   * interval (default 100ms) so the passive can tell a dead active from a cut peer link. Points map
   * registers and coils to DIM keys ({@link ModbusPoint}).
   */
  MODBUS(
      Map.of(
          "host", ParamType.HOST,
          "port", ParamType.TCP_PORT,
          "unit", ParamType.UNIT_ID,
          "poll", ParamType.DURATION,
          "life_sign.register", ParamType.REGISTER,
          "life_sign.interval", ParamType.DURATION),
      true);

  /** The value types a parameter can have. */
  public enum ParamType {
    POSITIVE_NUMBER("a positive number"),
    COUNT("a whole number from 0 to 64"),
    INTEGER("a whole number"),
    HOST("an IPv4 address or host name"),
    TCP_PORT("a whole number from 1 to 65535"),
    UNIT_ID("a whole number from 0 to 255"),
    REGISTER("a register address from 0 to 65535"),
    DURATION("a duration from 10ms to 1m, such as 100ms");

    private final String description;

    ParamType(String description) {
      this.description = description;
    }

    /** What a valid value looks like, as a person reads it. */
    public String description() {
      return description;
    }

    /** Whether the text is a valid value of this type. */
    public boolean accepts(String text) {
      try {
        return switch (this) {
          case POSITIVE_NUMBER -> {
            double d = Double.parseDouble(text);
            yield d > 0 && Double.isFinite(d);
          }
          case COUNT -> {
            int n = Integer.parseInt(text);
            yield n >= 0 && n <= 64;
          }
          case INTEGER -> {
            Long.parseLong(text);
            yield true;
          }
          case HOST -> HostNames.problem(text).isEmpty();
          case TCP_PORT -> inRange(text, 1, 65535);
          case UNIT_ID -> inRange(text, 0, 255);
          case REGISTER -> inRange(text, 0, 65535);
          case DURATION ->
              Durations.parse(text)
                  .filter(
                      d ->
                          d.compareTo(Defaults.MIN_HEARTBEAT) >= 0
                              && d.compareTo(Defaults.MAX_HEARTBEAT) <= 0)
                  .isPresent();
        };
      } catch (NumberFormatException e) {
        return false;
      }
    }

    private static boolean inRange(String text, int lo, int hi) {
      int n = Integer.parseInt(text.trim());
      return n >= lo && n <= hi;
    }
  }

  private final Map<String, ParamType> params;
  private final boolean hasPoints;

  PlcKind(Map<String, ParamType> params, boolean hasPoints) {
    this.params = params;
    this.hasPoints = hasPoints;
  }

  /** Whether bindings of this kind list their points (a simulator brings its own). */
  public boolean hasPoints() {
    return hasPoints;
  }

  /** The parameters this kind accepts. */
  public Map<String, ParamType> params() {
    return params;
  }

  /** The name used in files. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Looks a kind up by its file name. */
  public static Optional<PlcKind> byLabel(String label) {
    return Arrays.stream(values()).filter(k -> k.label().equals(label)).findFirst();
  }

  /** The labels of all kinds, for messages. */
  public static String labels() {
    return String.join(", ", Arrays.stream(values()).map(PlcKind::label).toList());
  }
}
