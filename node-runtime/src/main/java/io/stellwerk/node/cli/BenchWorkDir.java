package io.stellwerk.node.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A bench's scratch directory under the system's temporary directory: the stations' topology, keys
 * (secret ones included), logs and stores. Removed when the bench has run to the end; kept when it
 * fails, and named on the error stream, so the stations' logs can be read.
 */
final class BenchWorkDir {

  /** What runs in the directory. */
  interface Body {
    void run(Path work) throws Exception;
  }

  private BenchWorkDir() {}

  /** Runs {@code body} in a new directory named after {@code prefix}. */
  static void run(String prefix, PrintWriter err, Body body) throws Exception {
    Path work = Files.createTempDirectory(prefix);
    try {
      body.run(work);
    } catch (Exception | Error e) {
      err.println("the bench's stations' logs and data are kept in " + work);
      err.flush();
      throw e;
    }
    deleteTree(work);
  }

  /** Deletes {@code dir} and everything below it, deepest first. */
  static void deleteTree(Path dir) throws IOException {
    List<Path> paths;
    try (Stream<Path> walk = Files.walk(dir)) {
      paths = walk.sorted(Comparator.reverseOrder()).toList();
    }
    for (Path p : paths) {
      Files.deleteIfExists(p);
    }
  }
}
