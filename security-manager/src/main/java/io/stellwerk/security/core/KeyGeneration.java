package io.stellwerk.security.core;

import io.stellwerk.node.security.Bundles;
import io.stellwerk.node.security.KeyFileException;
import io.stellwerk.node.topology.Topology;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Generates (exports) the keys and bundles of a topology into a chosen directory, with progress and
 * cancellation between steps. A cancelled run into a directory that was absent or empty removes
 * what it wrote, so nothing half-made is left to ship; into a directory that already held keys
 * ({@code force}) it cannot restore the replaced ones and says so.
 */
public final class KeyGeneration {

  /** What a finished run produced: the fingerprints and the key directory. */
  public record Outcome(Bundles.Result result, KeyDirectory keys) {}

  private KeyGeneration() {}

  /**
   * Runs one generation.
   *
   * @throws GenerationException with a one-line message when the topology file is missing, a secret
   *     exists and {@code force} is off, a file cannot be written, or the run was cancelled
   */
  public static Outcome run(
      Topology topology,
      Path topologyFile,
      Path out,
      String workstation,
      boolean force,
      Bundles.Progress progress) {
    if (topologyFile == null || !Files.isRegularFile(topologyFile)) {
      throw new GenerationException(
          "the topology has no file on disk ("
              + topologyFile
              + "): save it before generating keys");
    }
    if (workstation == null || !workstation.matches("[A-Za-z0-9._-]+")) {
      throw new GenerationException(
          "'" + workstation + "' is not a workstation name (letters, digits, '.', '_', '-')");
    }
    boolean fresh = absentOrEmpty(out);
    try {
      Bundles.Result r =
          Bundles.generate(topology, topologyFile, out, workstation, force, progress);
      return new Outcome(r, KeyDirectory.open(out));
    } catch (Bundles.Cancelled e) {
      if (fresh) {
        removeContents(out);
        throw new GenerationException(e.getMessage() + "; nothing was left in " + out, true);
      }
      throw new GenerationException(
          e.getMessage()
              + "; "
              + out
              + " held keys before, so its keys are now incomplete: generate again with force",
          true);
    } catch (KeyFileException | UncheckedIOException e) {
      throw new GenerationException(e.getMessage());
    }
  }

  private static boolean absentOrEmpty(Path dir) {
    if (!Files.exists(dir)) {
      return true;
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.findAny().isEmpty();
    } catch (IOException e) {
      throw new GenerationException("cannot read " + dir + ": " + e.getMessage());
    }
  }

  private static void removeContents(Path dir) {
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        if (!p.equals(dir)) {
          Files.delete(p);
        }
      }
    } catch (IOException e) {
      throw new GenerationException(
          "cancelled, but could not remove what was written in " + dir + ": " + e.getMessage());
    }
  }

  /** A generation that did not finish, with a one-line message. */
  public static final class GenerationException extends RuntimeException {
    private final boolean cancelled;

    GenerationException(String message) {
      this(message, false);
    }

    GenerationException(String message, boolean cancelled) {
      super(message, null, false, false);
      this.cancelled = cancelled;
    }

    /** Whether the run was stopped on request rather than by an error. */
    public boolean cancelled() {
      return cancelled;
    }
  }
}
