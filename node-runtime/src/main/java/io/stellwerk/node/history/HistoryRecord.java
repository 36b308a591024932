package io.stellwerk.node.history;

import io.stellwerk.node.dim.Quality;
import io.stellwerk.node.dim.Value;

/**
 * One history record, keyed by (owner, timestamp, sequence). The owner is the station that recorded
 * it ({@code root.s1}, {@code root[backup]}): each station is the single writer of its own history,
 * so a pair's two peers never collide.
 *
 * <ul>
 *   <li>{@link Kind#SAMPLE}: {@code key} took {@code value} (null: deleted) with {@code quality}.
 *   <li>{@link Kind#RAISE}: an alarm or event about {@code key} with message {@code text}; its
 *       event id is {@link #eventId()}.
 *   <li>{@link Kind#ACK}: event {@code key} was acknowledged by {@code text}.
 *   <li>{@link Kind#CLEAR}: event {@code key} cleared, why in {@code text}.
 *   <li>{@link Kind#GAP}: the owner's records after {@code text}'s position up to this record's
 *       position were pruned at the source before this store got them; {@code value} is how many.
 * </ul>
 */
public record HistoryRecord(
    String owner,
    long ts,
    long seq,
    Kind kind,
    String key,
    Value value,
    Quality quality,
    String text) {

  /** What a record says. */
  public enum Kind {
    SAMPLE,
    RAISE,
    ACK,
    CLEAR,
    GAP
  }

  public HistoryRecord {
    if (owner == null || owner.isEmpty()) {
      throw new IllegalArgumentException("a history record needs an owner");
    }
    key = key == null ? "" : key;
    text = text == null ? "" : text;
    quality = quality == null ? Quality.GOOD : quality;
  }

  public Position position() {
    return new Position(ts, seq);
  }

  /** The id of the event a RAISE record starts: {@code owner#seq}. */
  public String eventId() {
    return owner + "#" + seq;
  }

  public static HistoryRecord sample(
      String owner, long ts, long seq, String key, Value value, Quality quality) {
    return new HistoryRecord(owner, ts, seq, Kind.SAMPLE, key, value, quality, "");
  }
}
