package io.stellwerk.security.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stellwerk.node.security.CurveCert;
import io.stellwerk.node.security.TrustEntry;
import io.stellwerk.node.security.TrustJson;
import io.stellwerk.node.security.TrustRole;
import io.stellwerk.node.security.TrustState;
import io.stellwerk.node.security.TrustStore;
import io.stellwerk.security.core.LocalTrustService;
import io.stellwerk.security.viewmodel.ApprovalQueueViewModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.TableRow;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The approval queue as a person uses it, headless: select a key, press Accept or Revoke, read the
 * fingerprint in the confirmation, confirm; the trust-store directory on disk changes.
 */
@ExtendWith(ApplicationExtension.class)
class ApprovalQueueViewTest {

  private Path dir;
  private TrustStore store;
  private CurveCert trusted;
  private CurveCert stranger;
  private ApprovalQueueView view;
  private FxBackground background;

  @Start
  void start(Stage stage) throws Exception {
    dir = Files.createTempDirectory("approval-queue");
    store = TrustStore.open(dir);
    trusted = CurveCert.generate(Map.of("name", "root.s1"), true);
    store.trust(trusted, "root.s1", TrustRole.CHILD, "bundle");
    stranger = CurveCert.generate(Map.of(), false);
    store.admit(stranger.publicKey(), TrustRole.CHILD, "127.0.110.7");
    background = new FxBackground("approval-queue-test");
    ApprovalQueueViewModel model =
        new ApprovalQueueViewModel(LocalTrustService.open(dir), background);
    view = new ApprovalQueueView(model);
    stage.setScene(new Scene(view, 1200, 500));
    stage.show();
    model.refresh();
  }

  @AfterEach
  void cleanUp() throws Exception {
    background.shutdown();
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private TrustEntry entry(CurveCert c) {
    return store.get(c.fingerprint()).orElseThrow();
  }

  private void awaitRows(int n) {
    await().atMost(Duration.ofSeconds(20)).until(() -> view.table().getItems().size() == n);
    WaitForAsyncUtils.waitForFxEvents();
  }

  private Node rowOf(FxRobot robot, CurveCert c) {
    return robot
        .lookup(".table-row-cell")
        .match(
            (TableRow<TrustJson.Row> r) ->
                r.getItem() != null && r.getItem().fingerprint().equals(c.fingerprint().toString()))
        .query();
  }

  private String shownFingerprint(FxRobot robot) {
    return robot.lookup("#confirm-fingerprint").queryAs(TextField.class).getText();
  }

  @Test
  void approvingAPendingKeyShowsItsFingerprintAndAcceptsItInTheStore(FxRobot robot) {
    awaitRows(1);
    assertThat(robot.lookup("#queue-accept").queryButton().isDisabled()).isTrue();

    robot.clickOn(rowOf(robot, stranger));
    robot.clickOn("#queue-accept");

    assertThat(shownFingerprint(robot)).isEqualTo(stranger.fingerprint().toString());
    // The key asked for a child socket: the role is proposed; the identity is the officer's.
    assertThat(robot.lookup("#confirm-decision").queryButton().isDisabled()).isTrue();
    robot.clickOn("#confirm-identity").write("root.s2");
    robot.clickOn("#confirm-decision");

    await("the store holds the decision")
        .atMost(Duration.ofSeconds(20))
        .until(() -> entry(stranger).state() == TrustState.ACCEPTED);
    assertThat(entry(stranger).identity()).isEqualTo("root.s2");
    assertThat(entry(stranger).role()).isEqualTo(TrustRole.CHILD);
    awaitRows(0);
    assertThat(robot.lookup("#queue-message").queryLabeled().getText())
        .isEqualTo(stranger.fingerprint() + " accepted as root.s2 (child)");
  }

  @Test
  void revokingAnAcceptedKeyAsksFirstAndCancelChangesNothing(FxRobot robot) {
    awaitRows(1);
    robot.clickOn("#queue-show-all");
    awaitRows(2);

    robot.clickOn(rowOf(robot, trusted));
    assertThat(robot.lookup("#queue-reject").queryButton().isDisabled()).isTrue();
    robot.clickOn("#queue-revoke");
    assertThat(shownFingerprint(robot)).isEqualTo(trusted.fingerprint().toString());
    robot.clickOn("Cancel");
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(entry(trusted).state()).isEqualTo(TrustState.ACCEPTED);

    robot.clickOn("#queue-revoke");
    assertThat(shownFingerprint(robot)).isEqualTo(trusted.fingerprint().toString());
    robot.clickOn("#confirm-decision");

    await("the store holds the revocation")
        .atMost(Duration.ofSeconds(20))
        .until(() -> entry(trusted).state() == TrustState.REJECTED);
    assertThat(entry(trusted).note()).isEqualTo("revoked");
    assertThat(store.admit(trusted.publicKey(), TrustRole.CHILD, "127.0.110.3").admitted())
        .isFalse();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                view.table().getItems().stream()
                    .anyMatch(
                        r ->
                            r.fingerprint().equals(trusted.fingerprint().toString())
                                && r.state().equals("rejected")));
  }
}
