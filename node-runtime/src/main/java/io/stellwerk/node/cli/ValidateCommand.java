package io.stellwerk.node.cli;

import io.stellwerk.node.topology.LoadResult;
import io.stellwerk.node.topology.Problem;
import io.stellwerk.node.topology.Topology;
import io.stellwerk.node.topology.TopologyLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code validate FILE...}: OK with a summary, or every problem as FILE:LINE:COL: message. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Checks topology files and prints OK with a summary, or every problem as FILE:LINE:COL: message.",
      "Exit status: 0 all valid, 1 any file invalid, 2 usage error."
    })
final class ValidateCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Topology files to check.")
  List<Path> files;

  @Override
  public Integer call() {
    int status = 0;
    for (Path file : files) {
      LoadResult r = TopologyLoader.load(file);
      if (r.ok()) {
        Topology t = r.topology();
        spec.commandLine()
            .getOut()
            .printf(
                "OK %s: federation %s, %d nodes, %d pairs, %d stations, depth %d%n",
                file,
                t.federation(),
                t.nodes().size(),
                t.pairCount(),
                t.stations().size(),
                t.depth());
      } else {
        for (Problem p : r.problems()) {
          spec.commandLine().getOut().println(p.format());
        }
        status = StellwerkNode.EXIT_INVALID;
      }
    }
    return status;
  }
}
