package io.stellwerk.workbench.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.stellwerk.editor.model.NodeField;
import io.stellwerk.node.topology.Topology;
import io.stellwerk.workbench.WorkbenchSettings;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class WorkbenchShellTest {

  @TempDir Path config;
  @TempDir Path work;
  private final ScriptedPrompts prompts = new ScriptedPrompts();
  private WorkbenchShell shell;
  private Stage stage;

  @Start
  void start(Stage stage) {
    this.stage = stage;
    prompts.dialogs = new DialogPrompts(stage);
    shell = new WorkbenchShell(WorkbenchSettings.load(config), prompts);
    stage.setScene(new Scene(shell, 1280, 800));
    stage.show();
    shell.actions().openInitial();
  }

  @Test
  void theFirstStartOpensTheDemoAndShowsTheSelectedNodesProperties(FxRobot robot) throws Exception {
    awaitTabs(1);

    robot.clickOn("root.s1");

    assertThat(robot.lookup("#properties-title").queryLabeled().getText())
        .isEqualTo("root.s1 — single node");
    assertThat(field(robot, NodeField.HOST).getText()).isEqualTo("127.0.1.3");
    assertThat(field(robot, NodeField.PORT).getText()).isEqualTo("7100");
    assertThat(robot.lookup("#endpoints").queryAs(TextArea.class).isEditable()).isFalse();
    assertThat(robot.lookup("#endpoints").queryAs(TextArea.class).getText())
        .contains("  bind    tcp://127.0.1.3:7100  ROUTER south requests")
        .contains(
            "  connect tcp://127.0.1.2:7101  PUB south live updates and heartbeats of root[backup]");
    screenshot(Path.of("target", "workbench-window.png"));

    // The properties' scroll pane and the endpoints' text area paint into the frame directly: a
    // viewport cached as an image costs the software renderer two passes at every edit.
    var viewports = robot.lookup("#properties-scroll .viewport").queryAll();
    assertThat(viewports).hasSizeGreaterThanOrEqualTo(2);
    assertThat(viewports).noneMatch(javafx.scene.Node::isCache);
  }

  @Test
  void anOpenedDocumentHasTheKeyboardOnItsGraph(FxRobot robot) throws Exception {
    awaitTabs(1);
    assertThat(stage.getScene().getFocusOwner()).isSameAs(shell.activeTab().editor().canvas());

    openAndAwait(robot, copyOfDemo());
    var editor = shell.activeTab().editor();
    assertThat(stage.getScene().getFocusOwner()).isSameAs(editor.canvas());
    // The editor's shortcuts act at once, without a click on the graph first.
    robot.interact(() -> editor.document().selection().select("root.s2"));
    robot.type(KeyCode.DELETE);
    assertThat(prompts.questions).singleElement().asString().startsWith("Delete root.s2?");
    assertThat(editor.document().topology().node("root.s2")).isEmpty();
  }

  @Test
  void addingAChildThroughTheToolbarAddsItUnderTheSelectedNodeAndMarksTheTabDirty(FxRobot robot) {
    awaitTabs(1);
    robot.clickOn(node(robot, "root.s2"));

    robot.clickOn("#tool-add-child");

    Topology t = shell.activeTab().document().topology();
    assertThat(t.require("root.s2").children())
        .extracting(n -> n.id())
        .containsExactly("root.s2.node1");
    assertThat(shell.activeTab().document().selection().primary()).isEqualTo("root.s2.node1");
    assertThat(shell.activeTab().getText()).isEqualTo("*tunnel.yaml");
    assertThat(
            shell
                .activeTab()
                .editor()
                .canvas()
                .nodeAt(
                    shell
                        .activeTab()
                        .editor()
                        .canvas()
                        .screenToLocal(
                            shell.activeTab().editor().canvas().screenCentre("root.s2.node1"))))
        .isEqualTo("root.s2.node1");
  }

  @Test
  void savingAOneFieldEditChangesOneLineAndReopeningGivesTheSameModel(FxRobot robot)
      throws Exception {
    Path file = copyOfDemo();
    List<String> before = Files.readAllLines(file);
    openAndAwait(robot, file);
    assertThat(shell.actions().recent()).first().isEqualTo(file.toAbsolutePath().normalize());
    robot.clickOn(node(robot, "root.s2"));
    robot
        .doubleClickOn(field(robot, NodeField.PORT))
        .eraseText(4)
        .type(KeyCode.DIGIT7, KeyCode.DIGIT2, KeyCode.DIGIT0, KeyCode.DIGIT0)
        .type(KeyCode.ENTER);
    Topology edited = shell.activeTab().document().topology();

    robot.clickOn("#tool-save");
    WaitForAsyncUtils.waitFor(
        10, TimeUnit.SECONDS, () -> !shell.activeTab().getText().startsWith("*"));

    List<String> after = Files.readAllLines(file);
    List<String> changed = new ArrayList<>();
    for (int i = 0; i < before.size(); i++) {
      if (!before.get(i).equals(after.get(i))) {
        changed.add(before.get(i) + " -> " + after.get(i));
      }
    }
    assertThat(after).hasSameSizeAs(before);
    assertThat(changed).containsExactly("      port: 7100 ->       port: 7200");

    robot.interact(() -> shell.actions().close(shell.activeTab()));
    awaitTabs(1);
    openAndAwait(robot, file);
    assertThat(shell.activeTab().document().topology().root()).isEqualTo(edited.root());
  }

  @Test
  void closingATabWithUnsavedChangesAsksAndCancelKeepsIt(FxRobot robot) {
    awaitTabs(1);
    robot.clickOn(node(robot, "root.s2"));
    robot.clickOn("#tool-add-child");
    EditorTab tab = shell.activeTab();

    Platform.runLater(() -> shell.actions().close(tab));
    awaitDialog(robot);
    assertThat(robot.lookup(".dialog-pane .header-panel .label").queryLabeled().getText())
        .isEqualTo("Save changes to tunnel.yaml?");
    robot.clickOn(dialogButton(robot, "Cancel"));
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(shell.editors().getTabs()).contains(tab);

    Platform.runLater(() -> shell.actions().close(tab));
    awaitDialog(robot);
    robot.clickOn(dialogButton(robot, "Don't Save"));
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(shell.editors().getTabs()).doesNotContain(tab);
  }

  @Test
  void closingTheWindowAsksAboutEachUnsavedDocumentAndClosesOnceSaveIsDone(FxRobot robot)
      throws Exception {
    Path file = copyOfDemo();
    openAndAwait(robot, file);
    robot.clickOn(node(robot, "root.s2"));
    robot.clickOn("#tool-add-child");
    java.util.concurrent.atomic.AtomicBoolean closed =
        new java.util.concurrent.atomic.AtomicBoolean();
    java.util.concurrent.atomic.AtomicBoolean closesNow =
        new java.util.concurrent.atomic.AtomicBoolean();

    Platform.runLater(() -> closesNow.set(shell.actions().closeAll(() -> closed.set(true))));
    awaitDialog(robot);
    assertThat(robot.lookup(".dialog-pane .header-panel .label").queryLabeled().getText())
        .isEqualTo("Save changes to tunnel.yaml?");
    robot.clickOn(dialogButton(robot, "Save"));

    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, closed::get);
    assertThat(closesNow.get()).isFalse();
    assertThat(
            io.stellwerk.node.topology.TopologyLoader.load(file).topology().node("root.s2.node1"))
        .isPresent();
  }

  @Test
  void closingTheWindowWithNothingUnsavedAsksNothing(FxRobot robot) throws Exception {
    awaitTabs(1);

    boolean closesNow =
        WaitForAsyncUtils.asyncFx(() -> shell.actions().closeAll(() -> {}))
            .get(10, TimeUnit.SECONDS);

    assertThat(closesNow).isTrue();
    assertThat(robot.lookup(".dialog-pane").tryQuery()).isEmpty();
  }

  @Test
  void findingANodeByIdSelectsAndCentresIt(FxRobot robot) {
    awaitTabs(1);
    var canvas = shell.activeTab().editor().canvas();

    robot.clickOn("#find").write("root.s1.pump1").type(KeyCode.ENTER);

    assertThat(shell.activeTab().document().selection().primary()).isEqualTo("root.s1.pump1");
    javafx.geometry.Point2D centre = canvas.localCentre("root.s1.pump1");
    assertThat(centre.getX())
        .isCloseTo(canvas.getWidth() / 2, org.assertj.core.data.Offset.offset(1.0));
    assertThat(centre.getY())
        .isCloseTo(canvas.getHeight() / 2, org.assertj.core.data.Offset.offset(1.0));

    robot.interact(() -> robot.lookup("#find").queryAs(TextField.class).clear());
    robot.clickOn("#find").write("root.s9").type(KeyCode.ENTER);

    assertThat(shell.status().message()).isEqualTo("there is no node root.s9");
    assertThat(shell.activeTab().document().selection().primary()).isEqualTo("root.s1.pump1");
  }

  @Test
  void aChangeByAnotherProgramIsNoticedAndReloadsTheFile(FxRobot robot) throws Exception {
    Path file = copyOfDemo();
    openAndAwait(robot, file);

    Files.writeString(file, Files.readString(file).replace("tunnel-north", "tunnel-south"));

    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !prompts.questions.isEmpty());
    assertThat(prompts.questions.get(0))
        .isEqualTo("tunnel.yaml was changed outside the workbench. Reload it?");
    WaitForAsyncUtils.waitFor(
        10,
        TimeUnit.SECONDS,
        () ->
            shell.activeTab() != null
                && shell.activeTab().document().topology() != null
                && shell.activeTab().document().topology().federation().equals("tunnel-south"));
  }

  @Test
  void newOffersTemplatesAndOpensTheChosenOneUnsaved(FxRobot robot) {
    awaitTabs(1);

    robot.clickOn("#tool-new");
    awaitTabs(2);

    Topology t = shell.activeTab().document().topology();
    assertThat(t.root().isPair()).isTrue();
    assertThat(t.nodes()).extracting(n -> n.id()).containsExactly("root", "root.s1", "root.s2");
    assertThat(shell.activeTab().path()).isNull();
  }

  @Test
  void theCanvasPaintsWithTheThemesColoursAndFollowsASwitchToDarkAndBack(FxRobot robot)
      throws Exception {
    awaitTabs(1);
    var canvas = shell.activeTab().editor().canvas();
    // PrimerLight's and PrimerDark's -color-bg-default, -color-fg-default, -color-accent-subtle.
    Color lightBackground = Color.web("#ffffff");
    Color darkBackground = Color.web("#0d1117");
    awaitColours(canvas, lightBackground, Color.web("#24292f"), Color.web("#ddf4ff"));
    assertThat(cornerPixel(canvas)).isEqualTo(lightBackground);

    robot.clickOn("#tool-theme");

    awaitColours(canvas, darkBackground, Color.web("#c9d1d9"), Color.rgb(56, 139, 253, 0.15));
    WaitForAsyncUtils.waitFor(
        10, TimeUnit.SECONDS, () -> cornerPixel(canvas).equals(darkBackground));

    robot.clickOn("#tool-theme");

    awaitColours(canvas, lightBackground, Color.web("#24292f"), Color.web("#ddf4ff"));
    WaitForAsyncUtils.waitFor(
        10, TimeUnit.SECONDS, () -> cornerPixel(canvas).equals(lightBackground));
  }

  private static void awaitColours(
      io.stellwerk.editor.canvas.GraphCanvas canvas, Color background, Color text, Color fill) {
    try {
      WaitForAsyncUtils.waitFor(
          10,
          TimeUnit.SECONDS,
          () ->
              canvas.backgroundColour().equals(background)
                  && canvas.textColour().equals(text)
                  && canvas.nodeFillColour().equals(fill));
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError(
          "canvas colours "
              + List.of(canvas.backgroundColour(), canvas.textColour(), canvas.nodeFillColour())
              + ", expected "
              + List.of(background, text, fill),
          e);
    }
  }

  /**
   * The colour the canvas shows near its top-left corner, where the fitted tree leaves a margin.
   */
  private static Color cornerPixel(io.stellwerk.editor.canvas.GraphCanvas canvas) {
    try {
      return WaitForAsyncUtils.asyncFx(
              () -> canvas.snapshot(null, null).getPixelReader().getColor(3, 3))
          .get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private Path copyOfDemo() throws Exception {
    Path file = work.resolve("tunnel.yaml");
    Files.write(file, io.stellwerk.workbench.DemoTopology.bundled("tunnel.yaml"));
    return file;
  }

  private void openAndAwait(FxRobot robot, Path file) {
    int before = shell.editors().getTabs().size();
    robot.interact(() -> shell.actions().open(file));
    awaitTabs(before + 1);
    WaitForAsyncUtils.waitForFxEvents();
  }

  private void awaitTabs(int n) {
    try {
      WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> shell.editors().getTabs().size() == n);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError(
          "expected " + n + " tabs, found " + shell.editors().getTabs().size(), e);
    }
    WaitForAsyncUtils.waitForFxEvents();
  }

  private void awaitDialog(FxRobot robot) {
    try {
      WaitForAsyncUtils.waitFor(
          10, TimeUnit.SECONDS, () -> robot.lookup(".dialog-pane").tryQuery().isPresent());
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("no dialog appeared", e);
    }
  }

  private static javafx.scene.control.Button dialogButton(FxRobot robot, String text) {
    return robot
        .lookup(".dialog-pane .button")
        .queryAllAs(javafx.scene.control.Button.class)
        .stream()
        .filter(b -> b.getText().equals(text) && b.getScene().getWindow().isShowing())
        .findFirst()
        .orElseThrow();
  }

  private org.testfx.service.query.PointQuery node(FxRobot robot, String id) {
    return robot.point(shell.activeTab().editor().canvas().screenCentre(id));
  }

  private TextField field(FxRobot robot, NodeField f) {
    return shell.activeTab().editor().properties().field(f);
  }

  private void screenshot(Path png) throws Exception {
    WritableImage image =
        WaitForAsyncUtils.asyncFx(() -> stage.getScene().snapshot(null)).get(10, TimeUnit.SECONDS);
    BufferedImage buffered = SwingFXUtils.fromFXImage(image, null);
    Files.createDirectories(png.getParent());
    assertThat(ImageIO.write(buffered, "png", png.toFile())).isTrue();
    assertThat(Files.size(png)).isGreaterThan(10_000);
  }
}
