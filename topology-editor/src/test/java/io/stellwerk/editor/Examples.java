package io.stellwerk.editor;

import io.stellwerk.node.topology.LoadResult;
import io.stellwerk.node.topology.TopologyLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's example topologies, for tests. */
public final class Examples {

  private Examples() {}

  /** The examples folder (set by surefire, else relative to the module). */
  public static Path dir() {
    return Path.of(System.getProperty("stellwerk.examples", "../examples"));
  }

  /** The text of an example. */
  public static String text(String name) {
    try {
      return Files.readString(dir().resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An example, loaded; fails if it is not valid. */
  public static LoadResult load(String name) {
    LoadResult r = TopologyLoader.parse(name, text(name));
    if (!r.ok()) {
      throw new IllegalStateException(name + " is not valid: " + r.problems());
    }
    return r;
  }
}
