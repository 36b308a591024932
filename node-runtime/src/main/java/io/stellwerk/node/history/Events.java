package io.stellwerk.node.history;

import java.util.Collection;

/**
 * Where an event of the journal stands, looked up through the journal index (so it reads journal
 * records only, never the time series): whether the event exists, and whether it was already
 * acknowledged or cleared.
 */
public final class Events {

  private Events() {}

  /** What became of an event. */
  public enum State {
    UNKNOWN,
    OPEN,
    ACKNOWLEDGED,
    CLEARED
  }

  /**
   * @param state what became of it
   * @param by who acknowledged it, or why it was cleared (empty otherwise)
   */
  public record Found(State state, String by) {}

  /**
   * Looks up event {@code owner#seq}: its RAISE in the owner's journal, then acknowledgements and
   * clearances of it in the journals of {@code stations} (the node's stations, since either peer of
   * a pair may have recorded them).
   */
  public static Found find(HistoryStore store, String owner, long seq, Collection<String> stations)
      throws HistoryException {
    HistoryRecord[] raise = new HistoryRecord[1];
    store.journal(
        owner,
        0,
        r -> {
          if (r.seq() == seq && r.kind() == HistoryRecord.Kind.RAISE) {
            raise[0] = r;
          }
          return r.seq() < seq;
        });
    if (raise[0] == null) {
      return new Found(State.UNKNOWN, "");
    }
    String id = raise[0].eventId();
    Found[] found = {new Found(State.OPEN, "")};
    for (String station : stations) {
      store.journal(
          station,
          raise[0].ts(),
          r -> {
            if (!r.key().equals(id)) {
              return true;
            }
            if (r.kind() == HistoryRecord.Kind.CLEAR) {
              found[0] = new Found(State.CLEARED, r.text());
              return false;
            }
            if (r.kind() == HistoryRecord.Kind.ACK && found[0].state() == State.OPEN) {
              found[0] = new Found(State.ACKNOWLEDGED, r.text());
            }
            return true;
          });
      if (found[0].state() == State.CLEARED) {
        break;
      }
    }
    return found[0];
  }
}
