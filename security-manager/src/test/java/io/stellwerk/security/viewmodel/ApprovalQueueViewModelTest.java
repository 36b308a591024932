package io.stellwerk.security.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import io.stellwerk.node.security.CurveCert;
import io.stellwerk.node.security.TrustJson;
import io.stellwerk.node.security.TrustRole;
import io.stellwerk.node.security.TrustState;
import io.stellwerk.node.security.TrustStore;
import io.stellwerk.security.core.LocalTrustService;
import io.stellwerk.security.viewmodel.ApprovalQueueViewModel.Decision;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The approval queue over a real trust-store directory, on one thread. */
class ApprovalQueueViewModelTest {

  @TempDir Path dir;
  private TrustStore store;
  private ApprovalQueueViewModel queue;
  private CurveCert trusted;
  private CurveCert stranger;

  @BeforeEach
  void storeWithOneTrustedAndOnePendingKey() {
    store = TrustStore.open(dir);
    trusted = CurveCert.generate(Map.of("name", "root.s1"), true);
    store.trust(trusted, "root.s1", TrustRole.CHILD, "bundle");
    stranger = CurveCert.generate(Map.of(), false);
    assertThat(store.admit(stranger.publicKey(), TrustRole.CHILD, "127.0.110.9").admitted())
        .isFalse();
    queue = new ApprovalQueueViewModel(LocalTrustService.open(dir), Background.sameThread());
  }

  private TrustJson.Row row(CurveCert c) {
    return queue.rows().stream()
        .filter(r -> r.fingerprint().equals(c.fingerprint().toString()))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void theQueueListsOnlyPendingKeysWithTheirSourceUntilAllAreShown() {
    queue.refresh();

    assertThat(queue.rows()).hasSize(1);
    TrustJson.Row pending = queue.rows().get(0);
    assertThat(pending.fingerprint()).isEqualTo(stranger.fingerprint().toString());
    assertThat(pending.state()).isEqualTo("pending");
    assertThat(pending.source()).isEqualTo("127.0.110.9");
    assertThat(pending.requested()).isEqualTo("child");
    assertThat(pending.firstSeen()).isNotNull();
    assertThat(queue.messageProperty().get()).isEqualTo("2 keys, 1 waiting for a decision");

    queue.showAllProperty().set(true);
    assertThat(queue.rows()).hasSize(2);
  }

  @Test
  void acceptingBindsThePendingKeyAndTheStationAdmitsIt() {
    queue.refresh();
    TrustJson.Row pending = queue.rows().get(0);
    assertThat(ApprovalQueueViewModel.proposedRole(pending)).isEqualTo(TrustRole.CHILD);
    assertThat(ApprovalQueueViewModel.allowed(Decision.ACCEPT, pending)).isTrue();
    assertThat(ApprovalQueueViewModel.allowed(Decision.REVOKE, pending)).isFalse();

    queue.accept(pending, "root.s2", TrustRole.CHILD, false);

    assertThat(queue.rows()).isEmpty();
    assertThat(queue.messageProperty().get())
        .isEqualTo(stranger.fingerprint() + " accepted as root.s2 (child)");
    assertThat(store.admit(stranger.publicKey(), TrustRole.CHILD, "127.0.110.9").userId())
        .isEqualTo("root.s2");
    assertThat(queue.busyProperty().get()).isFalse();
  }

  @Test
  void acceptingForAnIdentityThatHasAKeyIsAConflictUntilReplaced() {
    queue.refresh();
    TrustJson.Row pending = queue.rows().get(0);

    queue.accept(pending, "root.s1", TrustRole.CHILD, false);

    assertThat(row(stranger).state()).isEqualTo("conflict");
    assertThat(queue.messageProperty().get())
        .startsWith(stranger.fingerprint() + " is a conflict: root.s1 already has accepted key");

    queue.accept(row(stranger), null, null, true);

    assertThat(store.get(stranger.fingerprint()).orElseThrow().state())
        .isEqualTo(TrustState.ACCEPTED);
    assertThat(store.get(trusted.fingerprint()).orElseThrow().note())
        .isEqualTo("replaced by " + stranger.fingerprint());
  }

  @Test
  void revokingAnAcceptedKeyDeniesItAndAWrongDecisionIsOneLine() {
    queue.showAllProperty().set(true);
    queue.refresh();
    TrustJson.Row accepted = row(trusted);
    assertThat(ApprovalQueueViewModel.allowed(Decision.REVOKE, accepted)).isTrue();
    assertThat(ApprovalQueueViewModel.question(Decision.REVOKE, accepted))
        .contains("root.s1", "cut");

    queue.revoke(accepted);

    assertThat(row(trusted).state()).isEqualTo("rejected");
    assertThat(row(trusted).note()).isEqualTo("revoked");
    assertThat(store.admit(trusted.publicKey(), TrustRole.CHILD, "127.0.110.3").admitted())
        .isFalse();

    // Revoking again: the store refuses, the list stays, the message is the store's one line.
    queue.revoke(accepted);
    assertThat(queue.messageProperty().get())
        .isEqualTo(trusted.fingerprint() + " is not accepted, there is nothing to revoke");
    assertThat(queue.rows()).hasSize(2);
  }

  @Test
  void rejectingAPendingKeyTakesItOutOfTheQueue() {
    queue.refresh();

    queue.reject(queue.rows().get(0));

    assertThat(queue.rows()).isEmpty();
    assertThat(store.get(stranger.fingerprint()).orElseThrow().state())
        .isEqualTo(TrustState.REJECTED);
  }
}
