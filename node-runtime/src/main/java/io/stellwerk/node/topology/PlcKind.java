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
      Map.of(
          "rate", ParamType.POSITIVE_NUMBER, "fans", ParamType.COUNT, "seed", ParamType.INTEGER));

  /** The value types a parameter can have. */
  public enum ParamType {
    POSITIVE_NUMBER("a positive number"),
    COUNT("a whole number from 0 to 64"),
    INTEGER("a whole number");

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
        };
      } catch (NumberFormatException e) {
        return false;
      }
    }
  }

  private final Map<String, ParamType> params;

  PlcKind(Map<String, ParamType> params) {
    this.params = params;
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
