package io.stellwerk.node.cli;

import io.stellwerk.node.topology.LoadResult;
import io.stellwerk.node.topology.Problem;
import io.stellwerk.node.topology.Topology;
import io.stellwerk.node.topology.TopologyLoader;
import java.nio.file.Path;
import picocli.CommandLine;

/** Loads a topology for a command, turning problems into a clean exit with every problem listed. */
final class TopologyFiles {

  private TopologyFiles() {}

  /** The valid topology, or an exit with status 1 after printing each problem on stderr. */
  static Topology loadOrExit(CommandLine.Model.CommandSpec spec, Path file) {
    if (file == null) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "Missing required option: '--topology=FILE'");
    }
    LoadResult r = TopologyLoader.load(file);
    if (!r.ok()) {
      for (Problem p : r.problems()) {
        spec.commandLine().getErr().println(p.format());
      }
      throw new InvalidInput(r.problems().size() + " problem(s) in " + file);
    }
    return r.topology();
  }

  /** Bad input already reported to the user; exits with status 1 without a second message. */
  static final class InvalidInput extends RuntimeException {
    InvalidInput(String message) {
      super(message, null, false, false);
    }
  }
}
