package io.stellwerk.node.ha;

import static org.assertj.core.api.Assertions.assertThat;

import io.stellwerk.node.topology.PeerRole;
import org.junit.jupiter.api.Test;

/** Walks the pair state machine's rules. */
class PairFsmTest {

  private static PairFsm in(PeerRole role, HaEvent... path) {
    PairFsm f = new PairFsm(role);
    for (HaEvent e : path) {
      f.on(e, false, 0, 0);
    }
    return f;
  }

  @Test
  void everyStateHandlesEveryEvent() {
    for (HaState s : HaState.values()) {
      assertThat(PairFsm.table().get(s).keySet()).containsExactlyInAnyOrder(HaEvent.values());
    }
  }

  @Test
  void healthyStartMakesThePrimaryActiveAndTheBackupPassive() {
    PairFsm primary = new PairFsm(PeerRole.PRIMARY);
    PairFsm backup = new PairFsm(PeerRole.BACKUP);
    assertThat(primary.on(HaEvent.PEER_WAITING, false, 0, 0)).isEqualTo(HaState.ACTIVE);
    assertThat(backup.on(HaEvent.PEER_WAITING, false, 0, 0)).isEqualTo(HaState.WAITING);
    assertThat(backup.on(HaEvent.PEER_ACTIVE, false, 0, 5)).isEqualTo(HaState.PASSIVE);
  }

  @Test
  void aPeerAloneNeverTakesOverByItself() {
    PairFsm alone = new PairFsm(PeerRole.PRIMARY);
    assertThat(alone.on(HaEvent.PEER_SILENT, true, 0, 0)).isEqualTo(HaState.WAITING);
    assertThat(alone.on(HaEvent.VOTE, true, 0, 0)).isEqualTo(HaState.ACTIVE);
  }

  @Test
  void aPassiveTakesAVoteOnlyWhenItsPeerIsSilent() {
    PairFsm passive = in(PeerRole.BACKUP, HaEvent.PEER_ACTIVE);
    assertThat(passive.state()).isEqualTo(HaState.PASSIVE);
    assertThat(passive.on(HaEvent.VOTE, false, 0, 5)).isEqualTo(HaState.PASSIVE);
    assertThat(passive.on(HaEvent.PEER_SILENT, true, 0, 5)).isEqualTo(HaState.PASSIVE);
    assertThat(passive.on(HaEvent.VOTE, true, 0, 5)).isEqualTo(HaState.ACTIVE);
  }

  @Test
  void aRestartedPeerComesBackPassive() {
    PairFsm restarted = new PairFsm(PeerRole.PRIMARY);
    assertThat(restarted.on(HaEvent.PEER_ACTIVE, false, 0, 9)).isEqualTo(HaState.PASSIVE);
  }

  @Test
  void dualActiveEndsWithTheHigherEpochStaying() {
    PairFsm older = in(PeerRole.PRIMARY, HaEvent.PEER_WAITING);
    assertThat(older.on(HaEvent.PEER_ACTIVE, false, 100, 200)).isEqualTo(HaState.PASSIVE);
    PairFsm newer = in(PeerRole.BACKUP, HaEvent.TAKEOVER);
    assertThat(newer.on(HaEvent.PEER_ACTIVE, false, 200, 100)).isEqualTo(HaState.ACTIVE);
  }

  @Test
  void aTieOfEpochsGoesToThePrimary() {
    assertThat(in(PeerRole.PRIMARY, HaEvent.TAKEOVER).on(HaEvent.PEER_ACTIVE, false, 7, 7))
        .isEqualTo(HaState.ACTIVE);
    assertThat(in(PeerRole.BACKUP, HaEvent.TAKEOVER).on(HaEvent.PEER_ACTIVE, false, 7, 7))
        .isEqualTo(HaState.PASSIVE);
  }

  @Test
  void switchoverHandsOverAndThePeerTakesOver() {
    PairFsm active = in(PeerRole.PRIMARY, HaEvent.PEER_WAITING);
    PairFsm passive = in(PeerRole.BACKUP, HaEvent.PEER_ACTIVE);
    assertThat(active.on(HaEvent.HANDOVER, false, 1, 0)).isEqualTo(HaState.PASSIVE);
    assertThat(passive.on(HaEvent.TAKEOVER, false, 0, 1)).isEqualTo(HaState.ACTIVE);
  }

  @Test
  void whenNobodyIsActiveThePassiveWithTheStateTakesOverFromAFreshPeer() {
    PairFsm passive = in(PeerRole.BACKUP, HaEvent.PEER_ACTIVE);
    assertThat(passive.on(HaEvent.PEER_WAITING, false, 0, 0)).isEqualTo(HaState.ACTIVE);
    PairFsm fresh = new PairFsm(PeerRole.PRIMARY);
    assertThat(fresh.on(HaEvent.PEER_PASSIVE, false, 0, 0)).isEqualTo(HaState.WAITING);
  }

  @Test
  void aPassiveAtThePlcsTakesOverOnlyWhenPeerLinkAndLifeSignAreBothSilent() {
    PairFsm passive = in(PeerRole.BACKUP, HaEvent.PEER_ACTIVE);
    assertThat(passive.on(HaEvent.LIFE_SIGN_STOPPED, false, 0, 5))
        .as("life sign stopped but the peer is heard: the active lost its PLC, not its life")
        .isEqualTo(HaState.PASSIVE);
    assertThat(passive.on(HaEvent.PEER_SILENT, true, 0, 5))
        .as("peer link silent alone: a cut link while the life sign may still move")
        .isEqualTo(HaState.PASSIVE);
    assertThat(passive.on(HaEvent.LIFE_SIGN_STOPPED, true, 0, 5)).isEqualTo(HaState.ACTIVE);
  }

  @Test
  void aPeerAloneAtStartDoesNotTakeOverOnAStoppedLifeSign() {
    PairFsm alone = new PairFsm(PeerRole.PRIMARY);
    assertThat(alone.on(HaEvent.LIFE_SIGN_STOPPED, true, 0, 0)).isEqualTo(HaState.WAITING);
    assertThat(alone.on(HaEvent.TAKEOVER, true, 0, 0)).isEqualTo(HaState.ACTIVE);
    assertThat(alone.on(HaEvent.LIFE_SIGN_STOPPED, true, 1, 0)).isEqualTo(HaState.ACTIVE);
  }
}
