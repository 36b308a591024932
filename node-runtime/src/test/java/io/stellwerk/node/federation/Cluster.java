package io.stellwerk.node.federation;

import static org.awaitility.Awaitility.await;

import io.stellwerk.node.security.Bundles;
import io.stellwerk.node.security.KeyFiles;
import io.stellwerk.node.security.NodeSecurity;
import io.stellwerk.node.security.Workstation;
import io.stellwerk.node.topology.HostMapping;
import io.stellwerk.node.topology.LoadResult;
import io.stellwerk.node.topology.StationId;
import io.stellwerk.node.topology.Topology;
import io.stellwerk.node.topology.TopologyLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The fast in-JVM cluster for logic tests: every station of a topology as a {@link NodeRuntime} in
 * this JVM, on real jeromq sockets over loopback.
 */
final class Cluster implements AutoCloseable {

  final Topology topology;
  final Map<String, NodeRuntime> running = new LinkedHashMap<>();
  private Path keysDir;

  private final String yaml;

  Cluster(String yaml) {
    this.yaml = yaml;
    LoadResult r = TopologyLoader.parse("test.yaml", yaml);
    if (!r.ok()) {
      throw new IllegalArgumentException("test topology invalid: " + r.problems());
    }
    topology = r.topology();
  }

  /**
   * Runs every station secured from now on: keys and bundles for the whole topology are generated
   * under {@code keysDir} (the topology is written there too, as bundles carry it).
   */
  Cluster secured(Path keysDir) {
    try {
      Files.createDirectories(keysDir);
      Path file = keysDir.resolve("topology.yaml");
      Files.writeString(file, yaml);
      Bundles.generate(topology, file, keysDir, Workstation.DEFAULT_NAME, false);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.keysDir = keysDir;
    return this;
  }

  /** A station's bundle directory (secured clusters). */
  Path bundle(String station) {
    return keysDir
        .resolve("bundles")
        .resolve(KeyFiles.fileBase(StationId.parse(station).orElseThrow()));
  }

  /** The engineering workstation of a secured cluster. */
  Workstation workstation() {
    return Workstation.load(keysDir, Workstation.DEFAULT_NAME);
  }

  NodeRuntime start(String station) {
    return start(station, HostMapping.identity());
  }

  /** Starts a station secured with a bundle of its own (e.g. one made by {@code keys init}). */
  NodeRuntime startWith(String station, Path bundle) {
    StationId id = StationId.parse(station).orElseThrow();
    NodeRuntime n =
        NodeRuntime.start(
            NodeConfig.of(topology, id, HostMapping.identity(), null)
                .withSecurity(NodeSecurity.load(bundle, id)));
    running.put(station, n);
    return n;
  }

  NodeRuntime start(String station, HostMapping hosts) {
    StationId id = StationId.parse(station).orElseThrow();
    NodeConfig config = NodeConfig.of(topology, id, hosts, null);
    if (keysDir != null) {
      config = config.withSecurity(NodeSecurity.load(bundle(station), id));
    }
    NodeRuntime n = NodeRuntime.start(config);
    running.put(station, n);
    return n;
  }

  /** Starts a station that keeps its epoch and history in {@code data}. */
  NodeRuntime start(
      String station,
      HostMapping hosts,
      java.nio.file.Path data,
      io.stellwerk.node.history.HistoryOptions history) {
    StationId id = StationId.parse(station).orElseThrow();
    NodeRuntime n =
        NodeRuntime.start(NodeConfig.of(topology, id, hosts, data).withHistory(history));
    running.put(station, n);
    return n;
  }

  void startAll() {
    topology.stations().forEach(s -> start(s.toString()));
  }

  NodeRuntime get(String station) {
    return running.get(station);
  }

  void stop(String station) {
    NodeRuntime n = running.remove(station);
    if (n != null) {
      n.close();
    }
  }

  Set<String> digests() {
    return running.values().stream().map(NodeRuntime::digest).collect(Collectors.toSet());
  }

  /** Waits until every running station holds the same process image. */
  void awaitConverged(Duration within) {
    await("all stations converge")
        .atMost(within)
        .pollInterval(Duration.ofMillis(50))
        .until(() -> digests().size() == 1);
  }

  @Override
  public void close() {
    running.values().forEach(NodeRuntime::close);
    running.clear();
  }
}
