package io.stellwerk.workbench;

import io.stellwerk.node.topology.LoadResult;
import io.stellwerk.node.topology.Problem;
import io.stellwerk.node.topology.TopologyLocator;
import java.nio.file.Path;
import java.util.List;
import javafx.application.Application;
import javafx.concurrent.Task;
import javafx.scene.Scene;
import javafx.stage.Stage;

/** The workbench window. Started through {@link WorkbenchLauncher}. */
public final class WorkbenchApplication extends Application {

  @Override
  public void start(Stage stage) {
    TopologyBrowser browser = new TopologyBrowser();
    stage.setTitle("Stellwerk workbench — " + DemoTopology.DEMO);
    stage.setScene(new Scene(browser, 1100, 720));
    stage.show();
    // Reading and validating a file is I/O: it runs off the FX thread even for the small demo.
    DemoTopology demo = new DemoTopology(Path.of("").toAbsolutePath());
    Task<LoadResult> load =
        new Task<>() {
          @Override
          protected LoadResult call() {
            return demo.load(DemoTopology.DEMO);
          }
        };
    load.setOnSucceeded(e -> browser.show(load.getValue()));
    load.setOnFailed(
        e ->
            browser.show(
                new LoadResult(
                    null,
                    List.of(
                        new Problem(
                            DemoTopology.DEMO, 1, 1, load.getException().getMessage(), null, null)),
                    TopologyLocator.none())));
    Thread t = new Thread(load, "open-demo-topology");
    t.setDaemon(true);
    t.start();
  }
}
