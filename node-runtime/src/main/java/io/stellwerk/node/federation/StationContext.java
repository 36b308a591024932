package io.stellwerk.node.federation;

import io.stellwerk.node.dim.Dim;
import io.stellwerk.node.dim.Entry;
import io.stellwerk.node.dim.Keys;
import io.stellwerk.node.dim.OwnerClock;
import io.stellwerk.node.dim.ValueType;
import io.stellwerk.node.security.CurveSecurity;
import io.stellwerk.node.security.KeyFileException;
import io.stellwerk.node.security.NodeSecurity;
import io.stellwerk.node.security.TrustRole;
import io.stellwerk.node.topology.EndpointPlan;
import io.stellwerk.node.topology.SocketRole;
import io.stellwerk.node.topology.StationId;
import io.stellwerk.node.topology.Topology;
import io.stellwerk.node.topology.TopologyNode;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.ZMQ;

/**
 * The state one station's event loop works on: its DIM, its owner clock, its publishers, counters
 * and the access-control rules by topology. Touched only by the loop thread.
 */
final class StationContext {

  private static final Logger log = LoggerFactory.getLogger(StationContext.class);

  final NodeConfig config;
  final Topology topology;
  final StationId station;
  final TopologyNode node;
  final EndpointPlan plan;
  final Dim dim = new Dim();
  final OwnerClock clock;
  final Counters counters = new Counters();
  final long incarnation = new SecureRandom().nextLong();
  final long startedAtMillis = System.currentTimeMillis();
  final Histogram latency = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
  final List<Consumer<Entry>> appliedListeners = new ArrayList<>();
  private final Set<String> offendersLogged = new HashSet<>();
  Publisher south;
  Publisher north;
  PeerChannel peer;
  HistoryHub history;
  java.util.function.BooleanSupplier activeCheck = () -> true;

  /** Keys and trust of a secured station, or {@code null} when it runs {@code --insecure}. */
  final NodeSecurity security;

  private final Map<String, byte[]> serverKeys = new HashMap<>();

  StationContext(NodeConfig config, long epochFloor) {
    this.config = config;
    this.topology = config.topology();
    this.station = config.station();
    this.node = topology.require(station.nodeId());
    this.plan = new EndpointPlan(topology, config.hosts());
    this.clock = new OwnerClock(epochFloor);
    this.security = config.security();
  }

  /** Makes a socket about to bind a CURVE server for its role (nothing when insecure). */
  void serve(ZMQ.Socket s, SocketRole role) {
    if (security != null) {
      CurveSecurity.server(s, role, security.keys());
    }
  }

  /**
   * Makes a socket about to connect a CURVE client of {@code server}, whose key the trust store
   * holds as accepted for {@code role}. The key last used is kept, so a socket recreated while an
   * engineer replaces the neighbour's key still has one.
   *
   * @throws KeyFileException when the trust store never had an accepted key for the server
   */
  void connectTo(ZMQ.Socket s, StationId server, TrustRole role) {
    if (security == null) {
      return;
    }
    byte[] key =
        security
            .trust()
            .acceptedKey(server.toString(), role)
            .orElse(serverKeys.get(server.toString()));
    if (key == null) {
      throw new KeyFileException(
          "the trust store "
              + security.trust().directory()
              + " has no accepted key for "
              + server
              + " ("
              + role.label()
              + "): add it from the bundle or accept it with 'stellwerk-node keys accept'");
    }
    serverKeys.put(server.toString(), key);
    CurveSecurity.client(s, security.keys(), key);
  }

  /**
   * Whether this station acts for its node: a single node always; of a pair, the primary until high
   * availability decides otherwise.
   */
  boolean active() {
    return activeCheck.getAsBoolean();
  }

  String nodeId() {
    return node.id();
  }

  boolean hasParent() {
    return topology.parent(node.id()).isPresent();
  }

  /** Applies an entry and relays it to the streams that carry it; true if it changed the DIM. */
  boolean applyAndRelay(Entry e, Source source) {
    if (source != Source.LOCAL) {
      counters.updatesIn++;
    }
    if (!dim.apply(e)) {
      return false;
    }
    counters.updatesApplied++;
    if (south != null) {
      south.add(e);
    }
    boolean ownStation = station.toString().equals(e.owner());
    if (north != null && (active() || ownStation) && Keys.isWithinSubtree(e.key(), node.id())) {
      north.add(e);
    }
    if (peer != null && source == Source.LOCAL) {
      peer.add(e);
    }
    if (source != Source.LOCAL
        && e.value() != null
        && e.value().type() == ValueType.LONG
        && e.key().contains("/bench/")) {
      long lat = System.nanoTime() - e.value().asLong();
      if (lat > 0) {
        latency.recordValue(Math.min(lat, latency.getHighestTrackableValue()));
      }
    }
    for (Consumer<Entry> l : appliedListeners) {
      l.accept(e);
    }
    return true;
  }

  /** Access control for entries from the parent: only keys owned outside this subtree. */
  boolean acceptFromParent(Entry e, String sender) {
    String owner = e.owner();
    if (owner == null || !Keys.isValid(e.key())) {
      counters.droppedMalformed++;
      return false;
    }
    if (Keys.isWithinSubtree(e.key(), node.id())) {
      // The parent's south stream is a broadcast: our own subtree comes back as an echo.
      counters.echoesIgnored++;
      return false;
    }
    if (node.options().subtreeOnly()) {
      return false;
    }
    return true;
  }

  /** Access control for entries from a child: only keys owned inside that child's subtree. */
  boolean acceptFromChild(Entry e, StationId child) {
    if (!Keys.isValid(e.key())) {
      counters.droppedMalformed++;
      return false;
    }
    if (!Keys.isWithinSubtree(e.key(), child.nodeId())) {
      offender("child " + child, "may only publish keys of its own subtree, not " + e.key());
      return false;
    }
    return true;
  }

  /** Counts a message dropped as unauthorised and logs the offender once. */
  void offender(String who, String what) {
    counters.droppedUnauthorised++;
    if (offendersLogged.add(who)) {
      log.warn(
          "dropping a message: {} {} (logged once; see counter droppedUnauthorised)", who, what);
    }
  }
}
