package io.stellwerk.workbench.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stellwerk.security.core.KeyRow;
import io.stellwerk.security.view.KeysView;
import io.stellwerk.workbench.WorkbenchSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javafx.scene.Scene;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Security menu of the workbench on a copy of the demo topology. */
@ExtendWith(ApplicationExtension.class)
class SecurityMenuTest {

  @TempDir Path config;
  @TempDir Path work;
  private WorkbenchShell shell;
  private Path topology;

  @Start
  void start(Stage stage) throws Exception {
    topology = work.resolve("tunnel.yaml");
    Files.copy(Path.of(System.getProperty("stellwerk.examples"), "tunnel.yaml"), topology);
    ScriptedPrompts prompts = new ScriptedPrompts();
    prompts.dialogs = new DialogPrompts(stage);
    shell = new WorkbenchShell(WorkbenchSettings.load(config), prompts);
    stage.setScene(new Scene(shell, 1280, 800));
    stage.show();
    shell.actions().open(topology);
  }

  private void awaitEditor() {
    await().atMost(Duration.ofSeconds(30)).until(() -> shell.activeTab() != null);
    WaitForAsyncUtils.waitForFxEvents();
  }

  @Test
  void generateKeysWritesBundlesBesideTheTopologyAndOpensTheKeysView(FxRobot robot) {
    awaitEditor();

    robot.clickOn("#menu-security").clickOn("#menu-generate-keys");

    assertThat(robot.lookup("#generate-output").queryAs(TextField.class).getText())
        .isEqualTo(work.resolve("keys").toString());
    robot.clickOn("#generate-start");
    await("the keys view shows the generated keys")
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                shell.editors().getSelectionModel().getSelectedItem().getContent()
                        instanceof KeysView k
                    && k.model().keys().size() == 6);
    KeysView keys = (KeysView) shell.editors().getSelectionModel().getSelectedItem().getContent();
    assertThat(keys.model().keys())
        .filteredOn(k -> k.kind() == KeyRow.Kind.STATION)
        .extracting(KeyRow::name)
        .containsExactlyInAnyOrder(
            "root[primary]", "root[backup]", "root.s1", "root.s1.pump1", "root.s2");
    assertThat(work.resolve("keys/bundles/root.s1/topology.yaml"))
        .hasSameTextualContentAs(topology);
    assertThat(shell.status().message())
        .isEqualTo("Keys and bundles generated in " + work.resolve("keys"));
  }

  @Test
  void anUnsavedTopologyIsNotExported(FxRobot robot) {
    awaitEditor();
    robot.clickOn(robot.lookup("root.s2").queryLabeled()).clickOn("#tool-add-child");

    robot.clickOn("#menu-security").clickOn("#menu-generate-keys");

    assertThat(shell.status().message())
        .isEqualTo("Save tunnel.yaml first: every bundle carries the file as saved");
    assertThat(robot.lookup("#generate-view").tryQuery()).isEmpty();
    assertThat(work.resolve("keys")).doesNotExist();
  }
}
