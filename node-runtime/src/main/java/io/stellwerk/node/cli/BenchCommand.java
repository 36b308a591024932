package io.stellwerk.node.cli;

import io.stellwerk.node.bench.ReplicationBench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bench}: benchmarks with real station processes; figures as JSON lines. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Benchmarks with real station processes on loopback; prints JSON lines.",
    subcommands = {BenchCommand.Replication.class})
final class BenchCommand {

  @Command(
      name = "replication",
      mixinStandardHelpOptions = true,
      description =
          "Leaf-to-root latency, sustained throughput at the root, late-joiner snapshot, RSS.")
  static final class Replication implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(
        names = "--topology",
        paramLabel = "FILE",
        description = "Bench topology (default: root, two sections, a leaf under each).")
    Path topology;

    @Option(
        names = "--rate",
        defaultValue = "10000",
        description = "Updates per second for the latency phase (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(
        names = "--duration",
        defaultValue = "5",
        description = "Seconds per phase (default: ${DEFAULT-VALUE}).")
    int duration;

    @Option(
        names = "--keys",
        defaultValue = "100000",
        description = "Keys for the late-joiner snapshot (default: ${DEFAULT-VALUE}).")
    int keys;

    @Override
    public Integer call() throws Exception {
      Path work = Files.createTempDirectory("stellwerk-bench-");
      new ReplicationBench(topology, work, spec.commandLine().getOut()).run(rate, duration, keys);
      return 0;
    }
  }
}
