package io.stellwerk.workbench;

import io.stellwerk.node.topology.LoadResult;
import io.stellwerk.node.topology.TopologyLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the topologies shipped with Stellwerk. Started in the repository folder, the workbench
 * opens the repository's file so edits land in the working tree; an installed workbench has no
 * repository and reads the copy bundled as a class-path resource under {@code /examples}.
 */
public final class DemoTopology {

  /** The demo federation's file name. */
  public static final String DEMO = "tunnel.yaml";

  private final Path repoExamples;

  /** Looks for {@code examples/} below the given working directory. */
  public DemoTopology(Path workingDirectory) {
    this.repoExamples = workingDirectory.resolve("examples");
  }

  /** The repository file of an example, if the workbench runs in a repository folder. */
  public Optional<Path> repositoryFile(String name) {
    Path p = repoExamples.resolve(name);
    return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
  }

  /** Loads an example: the repository file when there is one, else the bundled copy. */
  public LoadResult load(String name) {
    Optional<Path> file = repositoryFile(name);
    if (file.isPresent()) {
      return TopologyLoader.load(file.get());
    }
    return TopologyLoader.parse(name, bundled(name));
  }

  /** The bytes of a bundled example. */
  public static byte[] bundled(String name) {
    try (InputStream in = DemoTopology.class.getResourceAsStream("/examples/" + name)) {
      if (in == null) {
        throw new IllegalStateException("the example " + name + " is not bundled with this build");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("the bundled example " + name + " cannot be read", e);
    }
  }
}
