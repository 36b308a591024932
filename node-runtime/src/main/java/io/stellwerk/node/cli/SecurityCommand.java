package io.stellwerk.node.cli;

import io.stellwerk.node.security.Bundles;
import io.stellwerk.node.security.CurveCert;
import io.stellwerk.node.security.Fingerprint;
import io.stellwerk.node.security.KeyFiles;
import io.stellwerk.node.security.StationInit;
import io.stellwerk.node.topology.StationId;
import io.stellwerk.node.topology.Topology;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The key-making subcommands of {@code keys}: generate (a whole federation) and init (one station).
 */
final class SecurityCommand {

  /** {@code keys generate}: every key of a federation and one bundle per station. */
  @Command(
      name = "generate",
      mixinStandardHelpOptions = true,
      description =
          "Generates keys for every station and one workstation, and one bundle per station"
              + " (its secret certificate, its trust store, the signers' keys, the topology).")
  static final class Generate implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(names = "--topology", required = true, paramLabel = "FILE")
    Path topology;

    @Option(names = "--out", required = true, paramLabel = "DIR")
    Path out;

    @Option(
        names = "--workstation",
        defaultValue = "engineering",
        paramLabel = "NAME",
        description = "The workstation's name (default: ${DEFAULT-VALUE}).")
    String workstation;

    @Option(names = "--force", description = "Replace existing secret keys.")
    boolean force;

    @Override
    public Integer call() {
      if (!workstation.matches("[A-Za-z][A-Za-z0-9_-]{0,62}")) {
        throw new IllegalArgumentException(
            "'" + workstation + "' is not a workstation name (letters, digits, _ and -)");
      }
      Topology t = TopologyFiles.loadOrExit(spec, topology);
      Bundles.Result r = Bundles.generate(t, topology, out, workstation, force);
      PrintWriter o = spec.commandLine().getOut();
      for (Map.Entry<String, Fingerprint> e : r.fingerprints().entrySet()) {
        o.printf("%-32s %s%n", e.getKey(), e.getValue());
      }
      o.println("bundles in " + out.resolve("bundles"));
      return 0;
    }
  }

  /** {@code keys init}: a station makes its own key; the secret never leaves the box. */
  @Command(
      name = "init",
      mixinStandardHelpOptions = true,
      description =
          "Generates this station's own keys into a bundle directory, trusts the neighbours'"
              + " public certificates given with --trust, and prints the fingerprint to compare"
              + " upstream.")
  static final class Init implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(names = "--topology", required = true, paramLabel = "FILE")
    Path topology;

    @Option(names = "--node", required = true, paramLabel = "NODE_ID")
    String node;

    @Option(
        names = "--dir",
        required = true,
        paramLabel = "DIR",
        description = "The bundle directory to create (what run --keys takes).")
    Path dir;

    @Option(
        names = "--trust",
        paramLabel = "CERT",
        description =
            "A neighbour's public certificate (parent, child or peer; repeat the option).")
    List<Path> trust = new ArrayList<>();

    @Option(
        names = "--signers",
        paramLabel = "DIR",
        description =
            "A directory of public certificates whose owners' update batches this station will"
                + " verify (e.g. another station's bundle signers/); without it, only the"
                + " neighbours given with --trust.")
    Path signers;

    @Option(names = "--force", description = "Replace an existing secret key.")
    boolean force;

    @Override
    public Integer call() {
      Topology t = TopologyFiles.loadOrExit(spec, topology);
      StationId station = Stations.resolve(t, node);
      CurveCert c = StationInit.init(t, station, dir, trust, signers, force);
      PrintWriter o = spec.commandLine().getOut();
      o.println(station + " " + c.fingerprint());
      o.println("public " + KeyFiles.publicFile(dir.resolve("keys"), station));
      o.println(
          "start it with: stellwerk-node run --topology "
              + topology
              + " --node "
              + station
              + " --keys "
              + dir);
      o.println(
          "its update batches verify only where its public certificate is in the bundle's"
              + " signers/ directory: copy it there on every station");
      o.println(
          "it shows as pending upstream; compare the fingerprint there and accept it:"
              + " stellwerk-node keys accept --topology FILE --via PARENT "
              + c.fingerprint()
              + " --identity "
              + station
              + " --role child");
      return 0;
    }
  }
}
