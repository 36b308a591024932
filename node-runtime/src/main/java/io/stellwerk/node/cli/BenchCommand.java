package io.stellwerk.node.cli;

import io.stellwerk.node.bench.FailoverBench;
import io.stellwerk.node.bench.ReplicationBench;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bench}: benchmarks with real station processes; figures as JSON lines. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Benchmarks with real station processes on loopback; prints JSON lines.",
    subcommands = {
      BenchCommand.Replication.class,
      BenchCommand.Failover.class,
      BenchCommand.History.class,
      BenchCommand.Transport.class,
      BenchCommand.Hops.class,
      BenchCommand.Machine.class
    })
final class BenchCommand {

  /** {@code --security} of the benches that compare plain text with CURVE. */
  static final class SecurityMode {
    @Option(
        names = "--security",
        defaultValue = "both",
        paramLabel = "off|curve|both",
        description =
            "Plain text, CURVE on every socket, or both one after the other (default:"
                + " ${DEFAULT-VALUE}).")
    String mode;
  }

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

    @Mixin SecurityMode security;

    @Override
    public Integer call() throws Exception {
      BenchWorkDir.run(
          "stellwerk-bench-",
          spec.commandLine().getErr(),
          work ->
              new ReplicationBench(topology, work, spec.commandLine().getOut())
                  .run(rate, duration, keys, security.mode));
      return 0;
    }
  }

  @Command(
      name = "failover",
      mixinStandardHelpOptions = true,
      description =
          "Kills the active peer of a pair N times under steady load; detection, takeover, children resumed, lost.")
  static final class Failover implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(
        names = "--topology",
        paramLabel = "FILE",
        description =
            "Topology with a pair that has children (default: a root pair with two sections).")
    Path topology;

    @Option(
        names = "--pair",
        paramLabel = "ID",
        description = "The pair to fail over (default: the first pair).")
    String pair;

    @Option(
        names = "--runs",
        defaultValue = "20",
        description = "Kills (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(
        names = "--heartbeat",
        paramLabel = "MS",
        defaultValue = "100",
        description = "Heartbeat of the default topology (default: ${DEFAULT-VALUE}).")
    int heartbeatMs;

    @Option(
        names = "--security",
        paramLabel = "off|curve|both",
        description =
            "Plain text, CURVE with owner signatures (keys made for the bench), or both one after"
                + " the other (default: both; a pair at a PLC runs plain text only).")
    String security;

    @Override
    public Integer call() throws Exception {
      BenchWorkDir.run(
          "stellwerk-failover-",
          spec.commandLine().getErr(),
          work ->
              new FailoverBench(topology, heartbeatMs, work, spec.commandLine().getOut())
                  .run(pair, runs, security));
      return 0;
    }
  }

  @Command(
      name = "history",
      mixinStandardHelpOptions = true,
      description =
          "History on three levels: delta records/s from a lone leaf to the root, live lag leaf to"
              + " root, lost, duplicated, bytes per record, RSS.")
  static final class History implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(
        names = "--records",
        defaultValue = "1000000",
        description =
            "Records the leaf holds before its parents start (default: ${DEFAULT-VALUE}).")
    long records;

    @Option(
        names = "--rate",
        defaultValue = "1000",
        description = "Live records per second at the leaf (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(
        names = "--duration",
        defaultValue = "10",
        description = "Seconds of live recording (default: ${DEFAULT-VALUE}).")
    int duration;

    @Override
    public Integer call() throws Exception {
      if (records < 1 || rate <= 0 || duration < 1) {
        throw new IllegalArgumentException("--records, --rate and --duration must be positive");
      }
      BenchWorkDir.run(
          "stellwerk-history-",
          spec.commandLine().getErr(),
          work ->
              new io.stellwerk.node.bench.HistoryBench(work, spec.commandLine().getOut())
                  .run(records, rate, duration));
      return 0;
    }
  }

  @Command(
      name = "transport",
      mixinStandardHelpOptions = true,
      description =
          "One PUSH to one PULL over loopback, plain and CURVE: what encryption costs jeromq.")
  static final class Transport implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(
        names = "--messages",
        defaultValue = "20000",
        description = "Messages per mode (default: ${DEFAULT-VALUE}).")
    int messages;

    @Option(
        names = "--size",
        defaultValue = "4000",
        description = "Bytes per message (default: ${DEFAULT-VALUE}, ~80 DIM entries).")
    int size;

    @Override
    public Integer call() throws Exception {
      new io.stellwerk.node.bench.TransportBench(spec.commandLine().getOut()).run(messages, size);
      return 0;
    }
  }

  @Command(
      name = "hops",
      mixinStandardHelpOptions = true,
      description = {
        "Latency through a bare jeromq chain of processes (PUB to SUB, relays polling like a"
            + " station's loop), no federation code: the floor under `bench replication` on this"
            + " machine."
      })
  static final class Hops implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(
        names = "--hops",
        defaultValue = "2",
        description = "Links in the chain (default: ${DEFAULT-VALUE}, leaf to root).")
    int hops;

    @Option(
        names = "--rate",
        defaultValue = "600",
        description =
            "Messages per second (default: ${DEFAULT-VALUE}: a leaf sends one per loop turn, about"
                + " 600 at 10,000 updates/s).")
    int rate;

    @Option(
        names = "--size",
        defaultValue = "1000",
        description = "Bytes per message (default: ${DEFAULT-VALUE}, ~17 DIM entries).")
    int size;

    @Option(
        names = "--duration",
        defaultValue = "10",
        description = "Seconds measured per mode (default: ${DEFAULT-VALUE}).")
    int duration;

    @Mixin SecurityMode security;

    @Option(
        names = "--tcp",
        description =
            "Then run the same chain over plain TCP sockets, one thread per process and no"
                + " messaging library: what this machine allows without jeromq's threads.")
    boolean tcp;

    @Override
    public Integer call() throws Exception {
      new io.stellwerk.node.bench.HopsBench(spec.commandLine().getOut())
          .run(hops, rate, size, duration, security.mode, tcp);
      return 0;
    }
  }

  @Command(
      name = "machine",
      mixinStandardHelpOptions = true,
      description = {
        "What this box gives a station, with none of Stellwerk's code: how steady a core is, how"
            + " late a parked thread wakes, what untouched memory costs. Take it beside the other"
            + " benches' figures: a virtual machine can differ from day to day."
      })
  static final class Machine implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(
        names = "--duration",
        defaultValue = "10",
        description = "Seconds for the core and for the wake-ups each (default: ${DEFAULT-VALUE}).")
    int duration;

    @Option(
        names = "--unit",
        defaultValue = "4",
        paramLabel = "MS",
        description =
            "CPU milliseconds of the fixed piece of work timed over and over (default:"
                + " ${DEFAULT-VALUE}, a frame's work for the workbench).")
    double unit;

    @Option(
        names = "--touch",
        defaultValue = "256",
        paramLabel = "MB",
        description = "Megabytes of fresh memory to touch once (default: ${DEFAULT-VALUE}).")
    int touch;

    @Override
    public Integer call() {
      new io.stellwerk.node.bench.MachineBench(spec.commandLine().getOut())
          .run(duration, unit, touch);
      return 0;
    }
  }
}
