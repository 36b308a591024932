package io.stellwerk.node.cli;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Times on the command line: an ISO-8601 instant (2026-11-27T10:00:00Z) or epoch milliseconds. */
final class TimeArgs {

  private TimeArgs() {}

  static long parse(String option, String text, long absent) {
    if (text == null) {
      return absent;
    }
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      try {
        return Instant.parse(text).toEpochMilli();
      } catch (DateTimeParseException e2) {
        throw new IllegalArgumentException(
            option
                + " '"
                + text
                + "' is neither an ISO-8601 instant (2026-11-27T10:00:00Z) nor epoch milliseconds");
      }
    }
  }
}
