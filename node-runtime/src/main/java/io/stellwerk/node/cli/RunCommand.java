package io.stellwerk.node.cli;

import io.stellwerk.node.federation.NodeConfig;
import io.stellwerk.node.federation.NodeRuntime;
import io.stellwerk.node.security.NodeSecurity;
import io.stellwerk.node.topology.HostMapping;
import io.stellwerk.node.topology.StationId;
import io.stellwerk.node.topology.Topology;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code run}: runs one station of the federation until SIGTERM or Ctrl-C. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = "Runs one node (or one peer of a pair) of the federation until stopped.")
final class RunCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin LoggingOptions logging;

  @Option(
      names = "--topology",
      required = true,
      paramLabel = "FILE",
      description = "The topology file.")
  Path topologyFile;

  @Option(
      names = "--node",
      required = true,
      paramLabel = "ID",
      description = "This station: root.s1 or root[backup].")
  String node;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "Data directory (epoch and history); without it the station keeps no history.")
  Path data;

  @Option(names = "--local", description = "Map every non-loopback host to its own 127.0.0.N.")
  boolean local;

  @Option(
      names = "--keys",
      paramLabel = "DIR",
      description =
          "The station's key bundle (keys/, trust/, signers/ as 'keys generate' writes it)."
              + " Required unless --insecure.")
  Path keys;

  @Option(
      names = "--insecure",
      description =
          "Run in plain text without keys: anyone on the network can read and join. For lab"
              + " use only; a warning is logged at every start.")
  boolean insecure;

  @Mixin HistoryRunOptions history;

  @Override
  public Integer call() throws InterruptedException {
    logging.apply();
    Topology t = TopologyFiles.loadOrExit(spec, topologyFile);
    StationId station = Stations.resolve(t, node);
    if (keys == null && !insecure) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "run needs --keys DIR (the station's bundle from 'stellwerk-node keys generate'),"
              + " or --insecure for plain text");
    }
    if (keys != null && insecure) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--keys and --insecure exclude each other");
    }
    NodeConfig config =
        NodeConfig.of(t, station, local ? HostMapping.local(t) : HostMapping.identity(), data)
            .withSecurity(insecure ? null : NodeSecurity.load(keys, station));
    config = config.withHistory(history.options(spec, config.history()));
    if (data != null) {
      io.stellwerk.node.history.NativeLibraryDir.useUnder(data);
    }
    NodeRuntime runtime = NodeRuntime.start(config);
    Runtime.getRuntime().addShutdownHook(new Thread(runtime::close, "shutdown"));
    runtime.awaitStopped();
    // A loop that died of an error exits non-zero, so a supervisor (systemd) restarts the node.
    return runtime.failed() ? 1 : 0;
  }
}
