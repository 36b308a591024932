package io.stellwerk.node.topology;

import java.time.Duration;

/**
 * Federation-wide timing defaults.
 *
 * @param heartbeat interval of application heartbeats on every link
 * @param missedBeats how many heartbeats may be missed before a neighbour counts as dead
 */
public record Defaults(Duration heartbeat, int missedBeats) {

  /** Heartbeat when the file names none. */
  public static final Duration DEFAULT_HEARTBEAT = Duration.ofMillis(250);

  /** Missed beats when the file names none. */
  public static final int DEFAULT_MISSED_BEATS = 4;

  /** Bounds accepted for the heartbeat interval. */
  public static final Duration MIN_HEARTBEAT = Duration.ofMillis(10);

  /** Bounds accepted for the heartbeat interval. */
  public static final Duration MAX_HEARTBEAT = Duration.ofSeconds(60);

  /** The defaults used when the file has no {@code defaults} section. */
  public static Defaults standard() {
    return new Defaults(DEFAULT_HEARTBEAT, DEFAULT_MISSED_BEATS);
  }

  /** How long a silent neighbour is tolerated: heartbeat times missed beats. */
  public Duration deadline() {
    return heartbeat.multipliedBy(missedBeats);
  }
}
