package io.stellwerk.node.history;

import java.time.Duration;
import java.util.List;

/**
 * What a station records and keeps.
 *
 * @param retention how long and how much it keeps
 * @param keys key prefixes recorded as time series; empty: the values of the node's PLC points
 * @param deadband a numeric value is recorded only when it moved by more than this since the last
 *     recorded value (0: every change)
 * @param minInterval a key is recorded at most once per this interval (zero: every change)
 */
public record HistoryOptions(
    Retention retention, List<String> keys, double deadband, Duration minInterval) {

  public HistoryOptions {
    keys = List.copyOf(keys);
    if (deadband < 0 || Double.isNaN(deadband)) {
      throw new IllegalArgumentException("the deadband must be a number >= 0");
    }
  }

  /** PLC values, every change, default retention. */
  public static HistoryOptions defaults() {
    return new HistoryOptions(Retention.defaults(), List.of(), 0, Duration.ZERO);
  }

  public HistoryOptions withRetention(Retention r) {
    return new HistoryOptions(r, keys, deadband, minInterval);
  }

  public HistoryOptions withKeys(List<String> k, double band, Duration interval) {
    return new HistoryOptions(retention, k, band, interval);
  }
}
