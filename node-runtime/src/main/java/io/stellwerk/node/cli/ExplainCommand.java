package io.stellwerk.node.cli;

import io.stellwerk.node.topology.Endpoint;
import io.stellwerk.node.topology.EndpointPlan;
import io.stellwerk.node.topology.HostMapping;
import io.stellwerk.node.topology.StationId;
import io.stellwerk.node.topology.Topology;
import io.stellwerk.node.topology.TopologyNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code explain FILE NODE_ID}: a station's place in the tree and every endpoint it uses. */
@Command(
    name = "explain",
    mixinStandardHelpOptions = true,
    description =
        "Prints a station's role, parent, children, peer and every endpoint it binds and connects.")
final class ExplainCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "The topology file.")
  Path file;

  @Parameters(
      index = "1",
      paramLabel = "NODE_ID",
      description = "A node id (root.s1) or a pair peer (root[primary], root[backup]).")
  String stationText;

  @Option(
      names = "--local",
      description = "Show endpoints with every non-loopback host mapped to 127.0.0.N.")
  boolean local;

  @Override
  public Integer call() {
    Topology t = TopologyFiles.loadOrExit(spec, file);
    StationId station = Stations.resolve(t, stationText);
    TopologyNode node = t.require(station.nodeId());
    EndpointPlan plan = new EndpointPlan(t, local ? HostMapping.local(t) : HostMapping.identity());
    PrintWriter out = spec.commandLine().getOut();
    out.printf("%s in federation %s%n", station, t.federation());
    out.printf(
        "  role:     %s%n",
        station.isPeer()
            ? station.role().label() + " peer of HA pair " + node.id()
            : "single node");
    out.printf(
        "  parent:   %s%n",
        t.parent(node.id())
            .map(p -> p.id() + (p.isPair() ? " (HA pair)" : ""))
            .orElse("none (this is the root)"));
    out.printf(
        "  children: %s%n",
        node.children().isEmpty()
            ? "none"
            : node.children().stream()
                .map(c -> c.id() + (c.isPair() ? " (HA pair)" : ""))
                .collect(Collectors.joining(", ")));
    out.printf("  peer:     %s%n", station.isPeer() ? station.otherPeer().toString() : "none");
    out.printf(
        "  plc:      %s%n",
        node.plc() == null ? "none" : node.plc().kind() + " " + node.plc().params());
    out.println("  binds:");
    print(out, plan.binds(station));
    out.println("  connects:");
    List<Endpoint> connects = plan.connects(station);
    if (connects.isEmpty()) {
      out.println("    nothing");
    }
    print(out, connects);
    return 0;
  }

  private static void print(PrintWriter out, List<Endpoint> endpoints) {
    for (Endpoint e : endpoints) {
      String target = e.remote() == null ? "" : " of " + e.remote();
      out.printf(
          "    %-13s %-8s %-24s %s%s%n",
          e.role().name().toLowerCase(Locale.ROOT).replace('_', '-'),
          e.role().socketType(),
          e.uri(),
          e.role().purpose(),
          target);
    }
  }
}
