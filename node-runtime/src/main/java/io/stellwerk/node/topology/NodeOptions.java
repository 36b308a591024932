package io.stellwerk.node.topology;

import java.time.Duration;

/**
 * Per-node options.
 *
 * @param subtreeOnly replicate only this node's own subtree instead of the whole federation
 * @param heartbeat heartbeat override for this node's links, or {@code null} for the default
 * @param missedBeats missed-beats override, or {@code null} for the default
 * @param history what the node records and keeps ({@code options.history-*})
 */
public record NodeOptions(
    boolean subtreeOnly, Duration heartbeat, Integer missedBeats, HistorySettings history) {

  public NodeOptions {
    history = history == null ? HistorySettings.none() : history;
  }

  /** Options without history settings. */
  public NodeOptions(boolean subtreeOnly, Duration heartbeat, Integer missedBeats) {
    this(subtreeOnly, heartbeat, missedBeats, HistorySettings.none());
  }

  /** No options set. */
  public static NodeOptions none() {
    return new NodeOptions(false, null, null);
  }

  /** Whether every option has its default value. */
  public boolean isDefault() {
    return !subtreeOnly && heartbeat == null && missedBeats == null && history.isDefault();
  }

  public NodeOptions withSubtreeOnly(boolean v) {
    return new NodeOptions(v, heartbeat, missedBeats, history);
  }

  public NodeOptions withHeartbeat(Duration v) {
    return new NodeOptions(subtreeOnly, v, missedBeats, history);
  }

  public NodeOptions withMissedBeats(Integer v) {
    return new NodeOptions(subtreeOnly, heartbeat, v, history);
  }

  /** The timing in force for this node, given the federation defaults. */
  public Defaults effective(Defaults defaults) {
    return new Defaults(
        heartbeat == null ? defaults.heartbeat() : heartbeat,
        missedBeats == null ? defaults.missedBeats() : missedBeats);
  }
}
