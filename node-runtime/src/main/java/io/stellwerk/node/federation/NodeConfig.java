package io.stellwerk.node.federation;

import io.stellwerk.node.history.HistoryOptions;
import io.stellwerk.node.security.NodeSecurity;
import io.stellwerk.node.topology.Defaults;
import io.stellwerk.node.topology.HistorySettings;
import io.stellwerk.node.topology.HostMapping;
import io.stellwerk.node.topology.StationId;
import io.stellwerk.node.topology.Topology;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Everything a station needs to run: the topology, which station it is, how hosts map to addresses,
 * where it keeps data, and its timing (from the topology's defaults and node options).
 *
 * @param topology the shared topology
 * @param station which station this process is
 * @param hosts host mapping ({@code --local} or identity)
 * @param dataDir data directory, or {@code null} to keep nothing on disk
 * @param timing heartbeat interval and missed beats in force for this node
 * @param syncChunk entries per delta chunk
 * @param history what the station records and keeps (with a data directory)
 * @param security keys, trust store and signature checks, or {@code null} for plain text ({@code
 *     --insecure})
 */
public record NodeConfig(
    Topology topology,
    StationId station,
    HostMapping hosts,
    Path dataDir,
    Defaults timing,
    int syncChunk,
    HistoryOptions history,
    NodeSecurity security) {

  /** The configuration the topology gives a station. */
  public static NodeConfig of(
      Topology topology, StationId station, HostMapping hosts, Path dataDir) {
    Defaults timing = topology.require(station.nodeId()).options().effective(topology.defaults());
    return new NodeConfig(
        topology, station, hosts, dataDir, timing, 4000, history(topology, station), null);
  }

  /** The history options the topology gives a node (defaults where it says nothing). */
  static HistoryOptions history(Topology topology, StationId station) {
    HistorySettings h = topology.require(station.nodeId()).options().history();
    HistoryOptions o = HistoryOptions.defaults();
    return o.withKeys(
            h.keys(),
            h.deadband() == null ? 0 : h.deadband(),
            h.minInterval() == null ? Duration.ZERO : h.minInterval())
        .withRetention(o.retention().withMaxAge(h.maxAge()));
  }

  /** The same configuration with other history options. */
  public NodeConfig withHistory(HistoryOptions h) {
    return new NodeConfig(topology, station, hosts, dataDir, timing, syncChunk, h, security);
  }

  /** The same configuration, secured with a station's bundle ({@code null}: plain text). */
  public NodeConfig withSecurity(NodeSecurity s) {
    return new NodeConfig(topology, station, hosts, dataDir, timing, syncChunk, history, s);
  }

  /** Whether links are CURVE-encrypted and authenticated. */
  public boolean secured() {
    return security != null;
  }

  /** How long a silent neighbour is tolerated. */
  public Duration deadline() {
    return timing.deadline();
  }
}
