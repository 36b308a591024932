package io.stellwerk.node.ha;

import io.stellwerk.node.topology.PeerRole;
import java.util.EnumMap;
import java.util.Map;

/**
 * The Binary Star state machine of one peer, as a transition table a test can walk. Guards that
 * depend on facts (is the peer silent? who wins a dual-active episode?) are evaluated here too, so
 * the loop only feeds events and acts on the returned state.
 *
 * <p>Rules: when both start, the primary becomes active and the backup passive (healthy start); a
 * waiting or passive peer becomes active on a vote only when its peer has been silent for the
 * deadline, never by itself; a restarted peer comes back passive, and a passive peer whose peer is
 * only waiting takes over, since it holds the state; when both are active (a healed partition, a
 * thawed process) the one with the higher active epoch stays active — the world has followed it —
 * and the other steps down (ties go to the primary); when both are passive the primary takes over.
 * A pair at the PLCs has a witness instead of voters: a passive whose peer link is silent takes
 * over when the PLC life sign has stopped too, and never while it moves (a cut link, not a dead
 * peer).
 */
public final class PairFsm {

  /** Where a (state, event) pair leads; {@code null} entries mean "decided by a guard". */
  private static final Map<HaState, Map<HaEvent, HaState>> TABLE = new EnumMap<>(HaState.class);

  static {
    Map<HaEvent, HaState> waiting = new EnumMap<>(HaEvent.class);
    waiting.put(HaEvent.PEER_WAITING, null); // primary: active; backup: keeps waiting
    waiting.put(HaEvent.PEER_ACTIVE, HaState.PASSIVE);
    waiting.put(
        HaEvent.PEER_PASSIVE, HaState.WAITING); // the passive holds the state: it takes over
    waiting.put(HaEvent.PEER_SILENT, HaState.WAITING);
    waiting.put(HaEvent.VOTE, null); // active only if the peer is silent
    waiting.put(HaEvent.TAKEOVER, HaState.ACTIVE);
    waiting.put(HaEvent.HANDOVER, HaState.WAITING);
    // A peer alone at start never takes over by itself: a stopped life sign is what it would see
    // if its partner were merely not started yet. The operator decides (unhealthy start).
    waiting.put(HaEvent.LIFE_SIGN_STOPPED, HaState.WAITING);
    TABLE.put(HaState.WAITING, waiting);

    Map<HaEvent, HaState> active = new EnumMap<>(HaEvent.class);
    active.put(HaEvent.PEER_WAITING, HaState.ACTIVE);
    active.put(HaEvent.PEER_ACTIVE, null); // dual active: higher epoch wins
    active.put(HaEvent.PEER_PASSIVE, HaState.ACTIVE);
    active.put(HaEvent.PEER_SILENT, HaState.ACTIVE);
    active.put(HaEvent.VOTE, HaState.ACTIVE);
    active.put(HaEvent.TAKEOVER, HaState.ACTIVE);
    active.put(HaEvent.HANDOVER, HaState.PASSIVE);
    active.put(HaEvent.LIFE_SIGN_STOPPED, HaState.ACTIVE);
    TABLE.put(HaState.ACTIVE, active);

    Map<HaEvent, HaState> passive = new EnumMap<>(HaEvent.class);
    passive.put(
        HaEvent.PEER_WAITING, HaState.ACTIVE); // nobody active, the peer is fresh: take over
    passive.put(HaEvent.PEER_ACTIVE, HaState.PASSIVE);
    passive.put(HaEvent.PEER_PASSIVE, null); // nobody active: the primary takes over
    passive.put(HaEvent.PEER_SILENT, HaState.PASSIVE);
    passive.put(HaEvent.VOTE, null); // active only if the peer is silent
    passive.put(HaEvent.TAKEOVER, HaState.ACTIVE);
    passive.put(HaEvent.HANDOVER, HaState.PASSIVE);
    passive.put(HaEvent.LIFE_SIGN_STOPPED, null); // active only if the peer link is silent too
    TABLE.put(HaState.PASSIVE, passive);
  }

  private final PeerRole role;
  private HaState state = HaState.WAITING;

  public PairFsm(PeerRole role) {
    this.role = role;
  }

  public HaState state() {
    return state;
  }

  public PeerRole role() {
    return role;
  }

  /**
   * Feeds one event and returns the new state.
   *
   * @param peerSilent whether the peer has been silent for at least the deadline
   * @param ownEpoch this peer's current active epoch (0 if never active)
   * @param peerEpoch the epoch the peer last announced
   */
  public HaState on(HaEvent event, boolean peerSilent, long ownEpoch, long peerEpoch) {
    HaState next = TABLE.get(state).get(event);
    if (next == null) {
      next = guard(event, peerSilent, ownEpoch, peerEpoch);
    }
    state = next;
    return next;
  }

  private HaState guard(HaEvent event, boolean peerSilent, long ownEpoch, long peerEpoch) {
    switch (event) {
      case VOTE:
      case LIFE_SIGN_STOPPED:
        return peerSilent ? HaState.ACTIVE : state;
      case PEER_WAITING:
      case PEER_PASSIVE:
        // Healthy start (both waiting) or nobody active (both passive): the primary takes over.
        return role == PeerRole.PRIMARY ? HaState.ACTIVE : state;
      case PEER_ACTIVE:
        boolean peerWins =
            peerEpoch > ownEpoch || (peerEpoch == ownEpoch && role == PeerRole.BACKUP);
        return peerWins ? HaState.PASSIVE : HaState.ACTIVE;
      default:
        throw new IllegalStateException("no guard for " + state + " on " + event);
    }
  }

  /** The table itself, for tests that walk every transition. */
  static Map<HaState, Map<HaEvent, HaState>> table() {
    return TABLE;
  }
}
