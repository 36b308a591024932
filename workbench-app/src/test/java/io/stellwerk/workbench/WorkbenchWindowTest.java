package io.stellwerk.workbench;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.control.Label;
import javafx.scene.control.TreeView;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class WorkbenchWindowTest {

  private Stage stage;

  @Start
  void start(Stage stage) {
    this.stage = stage;
    new WorkbenchApplication().start(stage);
  }

  @Test
  void selectingANodeShowsItsAddressAndDerivedEndpoints(FxRobot robot) throws Exception {
    WaitForAsyncUtils.waitFor(
        10,
        TimeUnit.SECONDS,
        () -> robot.lookup("#topology-tree").queryAs(TreeView.class).getRoot() != null);

    robot.clickOn("root.s1");

    Label host = robot.lookup("#property-host-root_s1").queryAs(Label.class);
    Label port = robot.lookup("#property-base-port-root_s1").queryAs(Label.class);
    Label endpoints = robot.lookup("#endpoints-root_s1").queryAs(Label.class);
    assertThat(robot.lookup("#property-id").queryAs(Label.class).getText()).isEqualTo("root.s1");
    assertThat(robot.lookup("#property-role").queryAs(Label.class).getText())
        .isEqualTo("single node");
    assertThat(host.getText()).isEqualTo("127.0.1.3");
    assertThat(port.getText()).isEqualTo("7100");
    assertThat(endpoints.getText())
        .contains("bind    tcp://127.0.1.3:7100  ROUTER")
        .contains(
            "connect tcp://127.0.1.1:7101  PUB south live updates and heartbeats of root[primary]")
        .contains("connect tcp://127.0.1.5:7102");

    Path png = Path.of("target", "workbench-window.png");
    WritableImage image =
        WaitForAsyncUtils.asyncFx(() -> stage.getScene().snapshot(null)).get(10, TimeUnit.SECONDS);
    BufferedImage buffered = SwingFXUtils.fromFXImage(image, null);
    Files.createDirectories(png.getParent());
    assertThat(ImageIO.write(buffered, "png", png.toFile())).isTrue();
    assertThat(Files.size(png)).isGreaterThan(1000);
  }
}
