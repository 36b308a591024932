package io.stellwerk.node.topology;

import java.time.Duration;

/**
 * Per-node options.
 *
 * @param subtreeOnly replicate only this node's own subtree instead of the whole federation
 * @param heartbeat heartbeat override for this node's links, or {@code null} for the default
 * @param missedBeats missed-beats override, or {@code null} for the default
 */
public record NodeOptions(boolean subtreeOnly, Duration heartbeat, Integer missedBeats) {

  /** No options set. */
  public static NodeOptions none() {
    return new NodeOptions(false, null, null);
  }

  /** Whether every option has its default value. */
  public boolean isDefault() {
    return !subtreeOnly && heartbeat == null && missedBeats == null;
  }

  /** The timing in force for this node, given the federation defaults. */
  public Defaults effective(Defaults defaults) {
    return new Defaults(
        heartbeat == null ? defaults.heartbeat() : heartbeat,
        missedBeats == null ? defaults.missedBeats() : missedBeats);
  }
}
