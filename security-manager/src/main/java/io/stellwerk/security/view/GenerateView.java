package io.stellwerk.security.view;

import io.stellwerk.node.security.Bundles;
import io.stellwerk.security.core.KeyDirectory;
import io.stellwerk.security.core.KeyGeneration;
import io.stellwerk.security.viewmodel.Background;
import io.stellwerk.security.viewmodel.GenerateViewModel;
import java.io.File;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.concurrent.Task;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.stage.DirectoryChooser;

/**
 * The generate (export) form: where to write, the workstation's name, whether to replace existing
 * keys; Generate runs a {@link Task} off the FX thread with a progress bar, Cancel stops it between
 * two steps (a run into a fresh directory then leaves nothing behind).
 */
public final class GenerateView extends GridPane {

  private final GenerateViewModel model;
  private final Consumer<KeyDirectory> onGenerated;
  private final ProgressBar progress = new ProgressBar(0);
  private final Label status = new Label();
  private final BooleanProperty running = new SimpleBooleanProperty(false);
  private final AtomicBoolean cancel = new AtomicBoolean();

  /** A form for {@code model}; {@code onGenerated} gets the new key directory on the FX thread. */
  public GenerateView(GenerateViewModel model, Consumer<KeyDirectory> onGenerated) {
    this.model = model;
    this.onGenerated = onGenerated;
    setId("generate-view");
    setHgap(8);
    setVgap(8);
    setStyle("-fx-padding: 12");
    TextField output = new TextField();
    output.setId("generate-output");
    output.textProperty().bindBidirectional(model.outputProperty());
    HBox.setHgrow(output, Priority.ALWAYS);
    Button browse = new Button("Browse…");
    browse.setOnAction(e -> browse());
    TextField workstation = new TextField();
    workstation.setId("generate-workstation");
    workstation.textProperty().bindBidirectional(model.workstationProperty());
    CheckBox force =
        new CheckBox("Replace existing keys (every bundle must then be shipped again)");
    force.setId("generate-force");
    force.selectedProperty().bindBidirectional(model.forceProperty());
    Button generate = new Button("Generate");
    generate.setId("generate-start");
    generate.setDefaultButton(true);
    generate.setOnAction(e -> start());
    Button stop = new Button("Cancel");
    stop.setId("generate-cancel");
    stop.setOnAction(e -> cancel.set(true));
    progress.setId("generate-progress");
    progress.setMaxWidth(Double.MAX_VALUE);
    status.setId("generate-status");
    generate.disableProperty().bind(running);
    stop.disableProperty().bind(running.not());
    output.disableProperty().bind(running);
    workstation.disableProperty().bind(running);
    force.disableProperty().bind(running);
    addRow(0, new Label("Topology"), new Label(model.summary()));
    addRow(1, new Label("Output directory"), new HBox(8, output, browse));
    addRow(2, new Label("Workstation"), workstation);
    add(force, 1, 3);
    add(new HBox(8, generate, stop), 1, 4);
    add(progress, 1, 5);
    add(status, 1, 6);
    setHgrow(progress, Priority.ALWAYS);
  }

  /** Whether a generation is running. */
  public BooleanProperty runningProperty() {
    return running;
  }

  private void browse() {
    DirectoryChooser c = new DirectoryChooser();
    c.setTitle("Directory for the keys");
    File chosen = c.showDialog(getScene() == null ? null : getScene().getWindow());
    if (chosen != null) {
      model.outputProperty().set(chosen.toPath().toString());
    }
  }

  private void start() {
    var problem = model.problem();
    if (problem.isPresent()) {
      status.setText(problem.get());
      return;
    }
    Function<Bundles.Progress, KeyGeneration.Outcome> job = model.job();
    cancel.set(false);
    Task<KeyGeneration.Outcome> task =
        new Task<>() {
          @Override
          protected KeyGeneration.Outcome call() {
            return job.apply(
                new Bundles.Progress() {
                  @Override
                  public void step(int done, int total, String what) {
                    updateProgress(done, total);
                    updateMessage(what);
                  }

                  @Override
                  public boolean cancelled() {
                    return cancel.get();
                  }
                });
          }
        };
    progress.progressProperty().bind(task.progressProperty());
    status.textProperty().bind(task.messageProperty());
    task.setOnSucceeded(
        e -> {
          finish();
          KeyGeneration.Outcome o = task.getValue();
          status.setText(
              o.result().fingerprints().size()
                  + " keys and "
                  + o.keys().bundles().size()
                  + " bundles written to "
                  + o.result().out());
          onGenerated.accept(o.keys());
        });
    task.setOnFailed(
        e -> {
          finish();
          progress.setProgress(0);
          status.setText(Background.message(task.getException()));
        });
    running.set(true);
    Thread t = new Thread(task, "key-generation");
    t.setDaemon(true);
    t.start();
  }

  private void finish() {
    progress.progressProperty().unbind();
    status.textProperty().unbind();
    running.set(false);
  }

  /** The directory the form writes into. */
  public Path output() {
    return Path.of(model.outputProperty().get());
  }
}
