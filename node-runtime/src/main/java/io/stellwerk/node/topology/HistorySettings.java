package io.stellwerk.node.topology;

import java.time.Duration;
import java.util.List;

/**
 * A node's history options from the topology ({@code options.history-*}); every field is optional.
 *
 * @param keys key prefixes of the node's own keys recorded as time series (empty: its PLC values)
 * @param deadband record a number only when it moved by more than this ({@code null}: every change)
 * @param minInterval record a key at most once per interval ({@code null}: every change)
 * @param maxAge prune records older than this ({@code null}: no age limit)
 */
public record HistorySettings(
    List<String> keys, Double deadband, Duration minInterval, Duration maxAge) {

  public HistorySettings {
    keys = List.copyOf(keys);
  }

  public static HistorySettings none() {
    return new HistorySettings(List.of(), null, null, null);
  }

  public boolean isDefault() {
    return keys.isEmpty() && deadband == null && minInterval == null && maxAge == null;
  }
}
