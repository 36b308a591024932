package io.stellwerk.security.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stellwerk.node.topology.Topology;
import io.stellwerk.security.Topologies;
import io.stellwerk.security.core.KeyRow;
import io.stellwerk.security.viewmodel.GenerateViewModel;
import io.stellwerk.security.viewmodel.KeysViewModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import javafx.scene.Scene;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Generating keys from the form, headless: the run finishes into the keys table; a run of the
 * 500-node example is cancelled from its Cancel button and leaves the fresh directory empty.
 */
@ExtendWith(ApplicationExtension.class)
class GenerateViewTest {

  private Path tmp;
  private KeysViewModel keys;
  private Stage stage;

  @Start
  void start(Stage stage) throws Exception {
    this.stage = stage;
    tmp = Files.createTempDirectory("generate-view");
    keys = new KeysViewModel(new FxBackground("keys-test"));
  }

  @AfterEach
  void cleanUp() throws Exception {
    try (Stream<Path> files = Files.walk(tmp)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private void show(Path topologyFile, Topology t, FxRobot robot) {
    GenerateViewModel form = new GenerateViewModel(t, topologyFile);
    form.outputProperty().set(tmp.resolve("keys").toString());
    robot.interact(
        () -> {
          stage.setScene(
              new Scene(
                  new VBox(new GenerateView(form, keys::show), new KeysView(keys)), 1200, 700));
          stage.show();
        });
  }

  private String status(FxRobot robot) {
    return robot.lookup("#generate-status").queryLabeled().getText();
  }

  @Test
  void aFinishedRunFillsTheKeysTable(FxRobot robot) throws Exception {
    Path file = Topologies.write(tmp, Topologies.PAIR_WITH_TWO_CHILDREN);
    show(file, Topologies.read(file), robot);

    robot.clickOn("#generate-start");

    await("the generation finishes")
        .atMost(Duration.ofSeconds(60))
        .until(() -> keys.keys().size() == 5);
    assertThat(status(robot)).isEqualTo("5 keys and 4 bundles written to " + tmp.resolve("keys"));
    assertThat(robot.lookup("#generate-progress").queryAs(ProgressBar.class).getProgress())
        .isEqualTo(1.0);
    assertThat(keys.keys())
        .filteredOn(k -> k.kind() == KeyRow.Kind.STATION)
        .extracting(KeyRow::name)
        .containsExactlyInAnyOrder("root[primary]", "root[backup]", "root.s1", "root.s2");
    assertThat(robot.lookup("#generate-start").queryButton().isDisabled()).isFalse();
  }

  @Test
  void cancellingALargeRunStopsItAndLeavesTheFreshDirectoryEmpty(FxRobot robot) throws Exception {
    Path file = Path.of(System.getProperty("stellwerk.examples"), "large.yaml");
    show(file, Topologies.read(file), robot);
    ProgressBar bar = robot.lookup("#generate-progress").queryAs(ProgressBar.class);

    robot.clickOn("#generate-start");
    await("the run has started").atMost(Duration.ofSeconds(60)).until(() -> bar.getProgress() > 0);
    robot.clickOn("#generate-cancel");

    await("the run stops")
        .atMost(Duration.ofSeconds(60))
        .until(() -> status(robot).startsWith("key generation cancelled after "));
    assertThat(status(robot)).endsWith("; nothing was left in " + tmp.resolve("keys"));
    try (Stream<Path> left = Files.list(tmp.resolve("keys"))) {
      assertThat(left).isEmpty();
    }
    assertThat(keys.keys()).isEmpty();
    assertThat(bar.getProgress()).isZero();
  }
}
