package io.stellwerk.node.federation;

import io.stellwerk.node.dim.Entry;
import io.stellwerk.node.dim.Quality;
import io.stellwerk.node.dim.Value;
import io.stellwerk.node.ha.HaEvent;
import io.stellwerk.node.ha.HaState;
import io.stellwerk.node.ha.PairFsm;
import io.stellwerk.node.plc.LifeSignWatcher;
import io.stellwerk.node.plc.WriteLease;
import io.stellwerk.node.topology.PeerRole;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out the pair state machine for one peer: feeds it the peer's state, silence, votes and
 * operator requests; on becoming active starts a new epoch, the PLC and a resync with the parent;
 * on stepping down stops the PLC and reports the writes made while the peer was unreachable.
 * Publishes role, epoch, peer state and readiness under {@code <station>/ha/...} and raises an
 * alarm (a DIM event) on every role change and peer loss.
 *
 * <p>A pair at the PLCs has a witness: the PLC life sign the active increments. A passive whose
 * peer link is silent takes over when the life sign has stopped too; while it moves, the link is
 * broken but the peer alive: alarm, no takeover. The active writes the PLC only under a short
 * {@link WriteLease} renewed here every tick; after a stall of its own loop (a frozen process) the
 * lease stays withdrawn until the peer has been heard again, so a thawed old active never writes
 * beside the new one.
 */
final class HaController {

  private static final Logger log = LoggerFactory.getLogger(HaController.class);

  /** Deadlines a waiting peer waits for its partner before it accepts a vote. */
  static final int STARTUP_GRACE_DEADLINES = 10;

  /** Deadlines a handing-over peer waits for its peer to report active before the rules resume. */
  static final int HANDOVER_DEADLINES = 10;

  private final StationContext ctx;
  private final FederationLoop loop;
  final PairFsm fsm;
  final PeerChannel peer;
  private final long deadlineNanos;
  private final long graceNanos;
  private final long startNanos = System.nanoTime();
  private boolean peerWasAlive;

  /** Whether the peer was ever lost after being heard, and when it was heard again since. */
  private boolean peerLost;

  private long peerBackNanos = Long.MIN_VALUE / 2;
  private String peerPublished;
  private Boolean readyPublished;
  private boolean notSeenAlarmRaised;
  private long activeEpoch;
  private long splitSeq = Long.MAX_VALUE;
  private long alarms;
  private long lastStateSent;

  /** When a handover to the peer started (0: none pending). */
  private long handoverSince;

  String lastAlarm = "";

  /** The PLC life sign, for a pair at the PLCs; {@code null} otherwise. */
  final LifeSignWatcher witness;

  private final WriteLease lease;
  private final long leaseNanos;
  private long lastTickNanos;
  private long suspectSince;
  private boolean linkAlarmRaised;
  private boolean unknownAlarmRaised;
  private boolean stoppedAlarmRaised;

  HaController(
      StationContext ctx,
      FederationLoop loop,
      PeerChannel peer,
      LifeSignWatcher witness,
      WriteLease lease) {
    this.ctx = ctx;
    this.loop = loop;
    this.peer = peer;
    this.witness = witness;
    this.lease = lease;
    this.fsm = new PairFsm(ctx.station.role());
    this.deadlineNanos = ctx.config.deadline().toNanos();
    // A peer that has not yet seen its partner gives it this long to come up before a vote
    // counts, so peers started seconds apart still make a healthy start.
    this.graceNanos = STARTUP_GRACE_DEADLINES * deadlineNanos;
    // The passive declares this peer silent a deadline after the last state it heard, and this
    // peer sends its state at least every heartbeat: a lease of deadline - heartbeat ends before
    // the passive can take over.
    long hb = ctx.config.timing().heartbeat().toNanos();
    this.leaseNanos = Math.max(deadlineNanos / 2, deadlineNanos - hb);
  }

  HaState state() {
    return fsm.state();
  }

  long activeEpoch() {
    return activeEpoch;
  }

  boolean peerSilent(long now) {
    return peer.silent(now, deadlineNanos);
  }

  /** Ready: in sync with the peer (if it is up) and with every neighbour link. */
  boolean ready(long now) {
    boolean peerOk = peerSilent(now) || peer.live();
    return peerOk
        && loop.parents.stream().allMatch(ParentLink::live)
        && loop.children.stream().allMatch(ChildChannel::live);
  }

  void start() {
    publish(
        "started: waiting for "
            + peer.peer
            + (witness == null ? " or a vote" : " or the operator (ha switchover)"));
  }

  void onPeerState(HaState peerState, long now) {
    if (!peerWasAlive) {
      peerWasAlive = true;
      if (peerLost) {
        peerBackNanos = now;
      }
      alarm("peer " + peer.peer + " seen (" + peerState.label() + ")");
    }
    if (peerState != HaState.ACTIVE && now - peerBackNanos < deadlineNanos) {
      // The peer link just came back: what arrives first may have been queued while it was cut
      // (a "passive" from before the peer took over). Acting on it could make "both passive" out
      // of a stale message; its current state follows within a heartbeat. A claim to be active is
      // settled at once by the epoch rule, which a stale claim cannot win wrongly for long.
      return;
    }
    if (handoverSince != 0) {
      if (peerState == HaState.ACTIVE || now - handoverSince > HANDOVER_DEADLINES * deadlineNanos) {
        handoverSince = 0;
      } else if (peerState == HaState.PASSIVE) {
        // The peer has not processed our TAKEOVER yet: "both passive" must not make us retake.
        return;
      }
    }
    HaEvent e =
        switch (peerState) {
          case WAITING -> HaEvent.PEER_WAITING;
          case ACTIVE -> HaEvent.PEER_ACTIVE;
          case PASSIVE -> HaEvent.PEER_PASSIVE;
        };
    feed(e, now, "peer is " + peerState.label());
  }

  void onVote(String from, long now) {
    if (witness != null
        && fsm.state() != HaState.ACTIVE
        && witness.verdict(now) == LifeSignWatcher.Verdict.MOVING) {
      // The PLC says the active is alive: a vote cannot outweigh that, or the PLC gets two writers.
      return;
    }
    feed(HaEvent.VOTE, now, "vote from " + from);
  }

  /**
   * A neighbour that hears both peers says the other one is active with a higher epoch: the same
   * rule as when the peers hear each other (the higher epoch stays), applied when the peer link is
   * cut and cannot tell this peer. Ignored unless this peer is active with a lower epoch.
   */
  void onNewerActive(long epoch, String holder, String from, long now) {
    if (fsm.state() != HaState.ACTIVE
        || epoch <= activeEpoch
        || !holder.equals(peer.peer.toString())) {
      return;
    }
    peer.peerEpoch = Math.max(peer.peerEpoch, epoch);
    feed(HaEvent.PEER_ACTIVE, now, from + " follows " + holder + " with the newer epoch " + epoch);
  }

  void onTakeover(long now, String why) {
    feed(HaEvent.TAKEOVER, now, why);
  }

  /** Operator switchover on the active peer: hands over if the peer is ready, else says why not. */
  String switchover(long now) {
    if (fsm.state() != HaState.ACTIVE) {
      return ctx.station + " is " + fsm.state().label() + ", not active: ask the active peer";
    }
    if (peerSilent(now)) {
      return "peer " + peer.peer + " is not reachable";
    }
    if (peer.peerState != HaState.PASSIVE || !peer.peerReady) {
      return "peer "
          + peer.peer
          + " is not ready ("
          + peer.peerState.label()
          + ", "
          + (peer.peerReady ? "in sync" : "still catching up")
          + ")";
    }
    // The peer is passive and ready: it holds every write this peer made, also those made while
    // it was away, so the step-down supersedes none of them.
    splitSeq = Long.MAX_VALUE;
    feed(HaEvent.HANDOVER, now, "operator switchover");
    handoverSince = now;
    peer.sendTakeover();
    return null;
  }

  /** Operator takeover when the pair has no active peer (unhealthy start). */
  String takeover(long now) {
    if (!peerSilent(now) && peer.peerState == HaState.ACTIVE) {
      return "peer " + peer.peer + " is active: use switchover";
    }
    feed(HaEvent.TAKEOVER, now, "operator takeover");
    return null;
  }

  void tick(long now) {
    if (lastTickNanos != 0
        && now - lastTickNanos > deadlineNanos
        && fsm.state() == HaState.ACTIVE) {
      // This loop did not run for a deadline: the process was frozen or starved, and the peer may
      // have taken over meanwhile. Hold PLC writes until the peer is heard again.
      suspectSince = now;
      lease.revoke();
      alarm(
          "event loop stalled for "
              + (now - lastTickNanos) / 1_000_000
              + " ms: PLC writes held until "
              + peer.peer
              + " is heard");
    }
    lastTickNanos = now;
    boolean silent = peerSilent(now);
    if (silent && peerWasAlive) {
      peerWasAlive = false;
      peerLost = true;
      splitSeq = fsm.state() == HaState.ACTIVE ? currentSeq() : Long.MAX_VALUE;
      alarm("peer " + peer.peer + " lost: silent for " + peer.heartbeatAgeMillis(now) + " ms");
      feed(HaEvent.PEER_SILENT, now, "peer silent");
    }
    publishPeerView(now, silent);
    witness(now, silent);
    if (lease.takeConflict() && fsm.state() == HaState.ACTIVE) {
      if (fsm.role() == PeerRole.BACKUP) {
        feed(HaEvent.HANDOVER, now, "another writer moves the PLC life sign: the backup yields");
      } else {
        alarm("another writer moved the PLC life sign: the primary keeps it, the backup yields");
      }
    }
    renewLease(now);
    if (now - lastStateSent >= ctx.config.timing().heartbeat().toNanos()) {
      lastStateSent = now;
      peer.sendState(fsm.state(), activeEpoch, ready(now));
      if (handoverSince != 0) {
        peer.sendTakeover(); // repeated until the peer reports active: one lost message must not
        // undo it
      }
    }
  }

  /**
   * Publishes how this peer sees its partner ({@code <station>/ha/peer}: its state, {@code lost} or
   * {@code not seen}) and its own readiness ({@code <station>/ha/ready}) whenever they change, and
   * raises the unhealthy-start alarm once when the partner has not been seen by the end of the
   * startup grace.
   */
  private void publishPeerView(long now, boolean silent) {
    String s = ctx.station + "/ha/";
    String view = silent ? (peer.everHeard ? "lost" : "not seen") : peer.peerState.label();
    if (!view.equals(peerPublished)) {
      peerPublished = view;
      write(s + "peer", Value.of(view));
    }
    boolean ready = ready(now);
    if (readyPublished == null || ready != readyPublished) {
      readyPublished = ready;
      write(s + "ready", Value.of(ready));
    }
    if (!peer.everHeard
        && !notSeenAlarmRaised
        && now - startNanos >= graceNanos
        && fsm.state() != HaState.ACTIVE) {
      notSeenAlarmRaised = true;
      alarm(
          "unhealthy start: peer "
              + peer.peer
              + " not seen; staying "
              + fsm.state().label()
              + (witness == null
                  ? " until a vote or the operator (ha switchover)"
                  : " until the operator (ha switchover)"));
    }
  }

  /** Consults the PLC life sign: the evidence a pair at the PLCs takes over on. */
  private void witness(long now, boolean silent) {
    if (witness == null || fsm.state() == HaState.ACTIVE) {
      linkAlarmRaised = unknownAlarmRaised = stoppedAlarmRaised = false;
      return;
    }
    LifeSignWatcher.Verdict v = witness.verdict(now);
    if (!silent) {
      linkAlarmRaised = unknownAlarmRaised = false;
      if (v == LifeSignWatcher.Verdict.STOPPED
          && peer.peerState == HaState.ACTIVE
          && !stoppedAlarmRaised) {
        stoppedAlarmRaised = true;
        alarm(
            "the PLC life sign has not moved for "
                + witness.unchangedMillis(now)
                + " ms while "
                + peer.peer
                + " is active: it may have lost the PLC");
      } else if (v == LifeSignWatcher.Verdict.MOVING) {
        stoppedAlarmRaised = false;
      }
      return;
    }
    switch (v) {
      case STOPPED ->
          feed(
              HaEvent.LIFE_SIGN_STOPPED,
              now,
              "peer link silent and the PLC life sign stopped for "
                  + witness.unchangedMillis(now)
                  + " ms");
      case MOVING -> {
        if (!linkAlarmRaised) {
          linkAlarmRaised = true;
          alarm(
              "peer link to "
                  + peer.peer
                  + " lost but the PLC life sign is moving (value "
                  + witness.value()
                  + "): the peer is alive, not taking over");
        }
      }
      case UNDECIDED -> {
        // watched for less than a deadline: nothing to conclude yet
      }
      case UNREADABLE -> {
        if (!unknownAlarmRaised) {
          unknownAlarmRaised = true;
          alarm(
              "peer "
                  + peer.peer
                  + " silent and the PLC life sign cannot be read: not taking over");
        }
      }
    }
  }

  /**
   * Whether this peer, active, saw its own loop stall past a deadline (a frozen or starved process)
   * and has not heard its peer since, within a deadline. Its peer may have taken over meanwhile,
   * and this peer's last published state still says active: a parent that finished a sync exchange
   * with it now would hear two active peers. Its parent links hold the end of their exchange until
   * this is over: the peer heard (and this peer stepped down if the peer took over), or a deadline
   * gone by without it.
   */
  boolean holdsNorthSync(long now) {
    return fsm.state() == HaState.ACTIVE
        && suspectSince != 0
        && peer.lastHeardNanos - suspectSince <= 0
        && now - suspectSince <= deadlineNanos;
  }

  /** Keeps the PLC write lease while this peer is surely active; withdraws it otherwise. */
  private void renewLease(long now) {
    if (fsm.state() != HaState.ACTIVE) {
      lease.revoke();
      suspectSince = 0;
      return;
    }
    if (suspectSince != 0) {
      boolean heardSince = peer.lastHeardNanos - suspectSince > 0;
      if (!heardSince && now - suspectSince <= deadlineNanos) {
        return;
      }
      suspectSince = 0;
    }
    lease.renew(now + leaseNanos);
  }

  private void feed(HaEvent event, long now, String why) {
    HaState before = fsm.state();
    boolean silent = peerSilent(now);
    if (event == HaEvent.VOTE && fsm.state() == HaState.WAITING && now - startNanos < graceNanos) {
      silent = false;
    }
    HaState after = fsm.on(event, silent, activeEpoch, peer.peerEpoch);
    if (before == after) {
      return;
    }
    if (after == HaState.ACTIVE) {
      becomeActive(why);
    } else if (before == HaState.ACTIVE) {
      stepDown(why);
    } else {
      publish(before.label() + " -> " + after.label() + " (" + why + ")");
    }
    peer.sendState(fsm.state(), activeEpoch, ready(now));
    lastStateSent = now;
  }

  private void becomeActive(String why) {
    activeEpoch = ctx.clock.newEpoch(Math.max(peer.peerEpoch, activeEpoch));
    suspectSince = 0;
    lease.renew(System.nanoTime() + leaseNanos);
    splitSeq = peerSilent(System.nanoTime()) ? 0 : Long.MAX_VALUE;
    loop.startPlc();
    write(ctx.nodeId() + "/ha/active", Value.of(ctx.station.toString()));
    // The parent may lack what the old active had not yet published north: exchange deltas again.
    loop.parents.forEach(p -> p.resync(System.nanoTime()));
    publish("became active with epoch " + activeEpoch + " (" + why + ")");
  }

  private void stepDown(String why) {
    lease.revoke();
    loop.stopPlc();
    List<String> divergent = new ArrayList<>();
    for (Entry e : ctx.dim.byPrefix(ctx.nodeId() + "/", Integer.MAX_VALUE)) {
      if (e.version().epoch() == activeEpoch
          && e.version().seq() > splitSeq
          && !e.key().startsWith(ctx.nodeId() + "/ha/")) {
        divergent.add(e.key());
      }
    }
    String report =
        divergent.isEmpty()
            ? ""
            : "; "
                + divergent.size()
                + " write(s) made while the peer was unreachable are superseded: "
                + String.join(", ", divergent.subList(0, Math.min(10, divergent.size())));
    publish("stepped down to " + fsm.state().label() + " (" + why + ")" + report);
  }

  private long currentSeq() {
    return ctx.clock.peekSeq();
  }

  private void publish(String alarmText) {
    alarm(alarmText);
    String s = ctx.station + "/ha/";
    write(s + "state", Value.of(fsm.state().label()));
    write(s + "epoch", Value.of(activeEpoch));
  }

  private void alarm(String text) {
    alarms++;
    lastAlarm = text;
    log.warn("HA {}: {}", ctx.station, text);
    String s = ctx.station + "/ha/";
    write(s + "alarm", Value.of(text));
    write(s + "alarms", Value.of(alarms));
    if (ctx.history != null) {
      ctx.history.raise(ctx.station + "/ha", text);
    }
  }

  private void write(String key, Value v) {
    loop.executor.write(key, v, Quality.GOOD, System.currentTimeMillis(), false);
  }
}
