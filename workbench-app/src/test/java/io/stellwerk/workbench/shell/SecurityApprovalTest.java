package io.stellwerk.workbench.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stellwerk.node.federation.NodeConfig;
import io.stellwerk.node.federation.NodeRuntime;
import io.stellwerk.node.security.CurveCert;
import io.stellwerk.node.security.NodeSecurity;
import io.stellwerk.node.security.TrustJson;
import io.stellwerk.node.security.TrustRole;
import io.stellwerk.node.security.TrustState;
import io.stellwerk.node.security.TrustStore;
import io.stellwerk.node.topology.HostMapping;
import io.stellwerk.node.topology.StationId;
import io.stellwerk.node.topology.TopologyLoader;
import io.stellwerk.security.view.ApprovalQueueView;
import io.stellwerk.workbench.WorkbenchSettings;
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
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * From the workbench to a running station and back: keys generated through the Security menu, a
 * secured station started with its bundle in this JVM, its approval queue opened through the menu,
 * a pending key accepted there; the station's trust store holds the decision.
 */
@ExtendWith(ApplicationExtension.class)
class SecurityApprovalTest {

  private static final String ONE_STATION =
      """
      federation: workbench-approval
      root:
        id: root
        host: 127.0.112.1
        port: 7100
      """;

  @TempDir Path config;
  @TempDir Path work;
  private WorkbenchShell shell;
  private NodeRuntime node;

  @Start
  void start(Stage stage) throws Exception {
    Path topology = Files.writeString(work.resolve("one.yaml"), ONE_STATION);
    ScriptedPrompts prompts = new ScriptedPrompts();
    prompts.dialogs = new DialogPrompts(stage);
    shell = new WorkbenchShell(WorkbenchSettings.load(config), prompts);
    stage.setScene(new Scene(shell, 1280, 800));
    stage.show();
    shell.actions().open(topology);
  }

  @AfterEach
  void stop() {
    if (node != null) {
      node.close();
    }
  }

  private ApprovalQueueView queue() {
    return shell.editors().getSelectionModel().getSelectedItem().getContent()
            instanceof ApprovalQueueView q
        ? q
        : null;
  }

  @Test
  void aPendingKeyIsAcceptedOnTheRunningStationFromTheApprovalQueue(FxRobot robot) {
    await().atMost(Duration.ofSeconds(30)).until(() -> shell.activeTab() != null);
    WaitForAsyncUtils.waitForFxEvents();
    robot.clickOn("#menu-security").clickOn("#menu-generate-keys");
    robot.clickOn("#generate-start");
    Path bundle = work.resolve("keys").resolve("bundles").resolve("root");
    await("keys generated")
        .atMost(Duration.ofSeconds(60))
        .until(() -> shell.status().message().startsWith("Keys and bundles generated"));

    StationId root = StationId.single("root");
    node =
        NodeRuntime.start(
            NodeConfig.of(
                    TopologyLoader.parse("one.yaml", ONE_STATION).topology(),
                    root,
                    HostMapping.identity(),
                    null)
                .withSecurity(NodeSecurity.load(bundle, root)));
    // A second laptop knocked at the station's management socket: pending in its trust store.
    TrustStore stationTrust = TrustStore.open(bundle.resolve("trust"));
    CurveCert laptop = CurveCert.generate(Map.of(), false);
    stationTrust.admit(laptop.publicKey(), TrustRole.WORKSTATION, "127.0.112.9:40000");

    robot.clickOn("#menu-security").clickOn("#menu-approval-queue");
    assertThat(robot.lookup("#connect-keys").queryAs(TextField.class).getText())
        .isEqualTo(work.resolve("keys").toString());
    robot.clickOn("#connect-open");
    await("the station's queue is listed")
        .atMost(Duration.ofSeconds(30))
        .until(() -> queue() != null && queue().table().getItems().size() == 1);
    WaitForAsyncUtils.waitForFxEvents();

    Node row =
        robot
            .lookup(".table-row-cell")
            .match((TableRow<TrustJson.Row> r) -> r.getItem() != null)
            .query();
    robot.clickOn(row).clickOn("#queue-accept");
    assertThat(robot.lookup("#confirm-fingerprint").queryAs(TextField.class).getText())
        .isEqualTo(laptop.fingerprint().toString());
    robot.clickOn("#confirm-identity").write("workstation:laptop");
    robot.clickOn("#confirm-decision");

    await("the station holds the decision")
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                stationTrust.get(laptop.fingerprint()).orElseThrow().state()
                    == TrustState.ACCEPTED);
    assertThat(stationTrust.admit(laptop.publicKey(), TrustRole.WORKSTATION, "x").userId())
        .isEqualTo("workstation:laptop");
    await().atMost(Duration.ofSeconds(30)).until(() -> queue().table().getItems().isEmpty());
  }
}
