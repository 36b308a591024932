package io.stellwerk.node.history;

import io.stellwerk.node.dim.Entry;
import io.stellwerk.node.dim.ValueType;

/**
 * Decides whether a write of one of the node's keys becomes a time-series sample: the key must be
 * selected (a configured prefix, or by default a PLC point), and a numeric value must have moved
 * beyond the deadband and the key's minimum interval must have passed. A change of quality, a
 * delete or a forced value is always recorded.
 */
public final class SamplePolicy {

  private final HistoryOptions options;

  public SamplePolicy(HistoryOptions options) {
    this.options = options;
  }

  /**
   * @param e the write
   * @param plcPoint whether the key is a PLC point of this node
   * @param last the last sample recorded for the key, or null
   */
  public boolean records(Entry e, boolean plcPoint, Entry last) {
    boolean selected =
        options.keys().isEmpty() ? plcPoint : options.keys().stream().anyMatch(e.key()::startsWith);
    if (!selected) {
      return false;
    }
    if (last == null
        || e.isTombstone()
        || last.isTombstone()
        || e.forced() != last.forced()
        || e.quality() != last.quality()) {
      return true;
    }
    if (e.sourceTime() - last.sourceTime() < options.minInterval().toMillis()) {
      return false;
    }
    if (options.deadband() > 0 && numeric(e) && numeric(last)) {
      return Math.abs(number(e) - number(last)) > options.deadband();
    }
    return true;
  }

  private static boolean numeric(Entry e) {
    ValueType t = e.value().type();
    return t == ValueType.DOUBLE || t == ValueType.LONG;
  }

  private static double number(Entry e) {
    return e.value().type() == ValueType.DOUBLE ? e.value().asDouble() : e.value().asLong();
  }
}
