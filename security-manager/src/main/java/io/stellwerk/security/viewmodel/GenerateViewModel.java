package io.stellwerk.security.viewmodel;

import io.stellwerk.node.security.Bundles;
import io.stellwerk.node.security.Workstation;
import io.stellwerk.node.topology.Topology;
import io.stellwerk.security.core.KeyGeneration;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The generate (export) form for one topology: output directory, workstation name, whether to
 * replace existing keys. {@link #job()} checks the form and gives the work to run off the UI thread
 * with a progress listener; the view runs it as a cancellable task.
 */
public final class GenerateViewModel {

  private final Topology topology;
  private final Path topologyFile;
  private final StringProperty output = new SimpleStringProperty("");
  private final StringProperty workstation = new SimpleStringProperty(Workstation.DEFAULT_NAME);
  private final BooleanProperty force = new SimpleBooleanProperty(false);

  /** A form for the topology read from {@code topologyFile}. */
  public GenerateViewModel(Topology topology, Path topologyFile) {
    this.topology = topology;
    this.topologyFile = topologyFile;
    if (topologyFile != null && topologyFile.getParent() != null) {
      output.set(topologyFile.getParent().resolve("keys").toString());
    }
  }

  /** What is generated for, one line. */
  public String summary() {
    return topology.stations().size()
        + " stations of "
        + topology.federation()
        + (topologyFile == null ? "" : " (" + topologyFile.getFileName() + ")");
  }

  /** The directory to write into. */
  public StringProperty outputProperty() {
    return output;
  }

  /** The engineering workstation's name. */
  public StringProperty workstationProperty() {
    return workstation;
  }

  /** Whether existing secret keys may be replaced. */
  public BooleanProperty forceProperty() {
    return force;
  }

  /** What is wrong with the form, one line, or empty when it can run. */
  public Optional<String> problem() {
    if (topologyFile == null) {
      return Optional.of("save the topology to a file before generating keys");
    }
    if (output.get() == null || output.get().isBlank()) {
      return Optional.of("choose the directory to write the keys into");
    }
    try {
      Path.of(output.get().strip());
    } catch (InvalidPathException e) {
      return Optional.of("'" + output.get() + "' is not a directory name");
    }
    return Optional.empty();
  }

  /**
   * The work of one run, to be called off the UI thread with a progress listener.
   *
   * @throws IllegalStateException when {@link #problem()} is not empty
   */
  public Function<Bundles.Progress, KeyGeneration.Outcome> job() {
    problem()
        .ifPresent(
            p -> {
              throw new IllegalStateException(p);
            });
    Path out = Path.of(output.get().strip());
    String ws = workstation.get().strip();
    boolean replace = force.get();
    return progress -> KeyGeneration.run(topology, topologyFile, out, ws, replace, progress);
  }
}
