package io.stellwerk.node.history;

/**
 * Where a record stands in its owner's history: (timestamp, sequence). An owner's records are
 * ordered by position; an owner never writes a position below its last one, so "everything after
 * position P" is well defined and is what replication asks for.
 *
 * @param ts record time, epoch milliseconds (never decreasing within one owner)
 * @param seq the owner's record sequence (grows by one per record)
 */
public record Position(long ts, long seq) implements Comparable<Position> {

  /** Before every record. */
  public static final Position ZERO = new Position(0, 0);

  @Override
  public int compareTo(Position o) {
    int c = Long.compare(ts, o.ts);
    return c != 0 ? c : Long.compare(seq, o.seq);
  }

  public boolean isAfter(Position o) {
    return compareTo(o) > 0;
  }

  public static Position max(Position a, Position b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  @Override
  public String toString() {
    return ts + "." + seq;
  }
}
