package io.stellwerk.node.topology;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them in the topology: {@code 250ms}, {@code 2s}, {@code 1.5s}, {@code
 * 1m}.
 */
public final class Durations {

  private static final Pattern SYNTAX = Pattern.compile("(\\d{1,9}(?:\\.\\d{1,3})?)\\s*(ms|s|m)");

  private Durations() {}

  /** Parses a duration; empty if the text is not of the form above. */
  public static Optional<Duration> parse(String text) {
    Matcher m = SYNTAX.matcher(text.trim());
    if (!m.matches()) {
      return Optional.empty();
    }
    BigDecimal amount = new BigDecimal(m.group(1));
    BigDecimal millis =
        switch (m.group(2)) {
          case "ms" -> amount;
          case "s" -> amount.movePointRight(3);
          default -> amount.multiply(BigDecimal.valueOf(60_000));
        };
    if (millis.stripTrailingZeros().scale() > 0) {
      return Optional.empty();
    }
    return Optional.of(Duration.ofMillis(millis.longValueExact()));
  }

  /** The shortest exact text for a duration: {@code 250ms}, {@code 2s}, {@code 1m}. */
  public static String format(Duration d) {
    long ms = d.toMillis();
    if (ms % 60_000 == 0 && ms > 0) {
      return ms / 60_000 + "m";
    }
    if (ms % 1000 == 0 && ms > 0) {
      return ms / 1000 + "s";
    }
    return ms + "ms";
  }
}
