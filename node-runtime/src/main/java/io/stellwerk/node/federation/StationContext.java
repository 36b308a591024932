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
import io.stellwerk.node.wire.Codec;
import io.stellwerk.node.wire.SignedBatch;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
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
  private final Set<String> forgeriesLogged = new HashSet<>();

  /**
   * The longest a secured station holds its own writes before it signs them: a write after a
   * quieter spell is signed at once, a steady stream in batches of this much time, so each writer
   * costs every station at most 500 signature checks a second (about 0.1 ms each). Chosen by
   * measurement (docs/PERFORMANCE.md, "Signing interval"): 10 ms put 5 ms on the median of every
   * steady writer's first hop, 1 ms signed and checked so often that the p99s grew on two shared
   * cores; 2 ms was as good or better than both on every figure.
   */
  static final long SIGN_INTERVAL_NANOS = 2_000_000L;

  /** This station's own writes since the last {@link #flushOwn}. */
  private final List<Entry> own = new ArrayList<>();

  private long lastSignNanos = Long.MIN_VALUE / 2;

  /** For each key, the owner batch its current entry came in (what a delta sends). */
  private final Map<String, SignedBatch> origin = new HashMap<>();

  private record Verified(String signer, byte[] body) {}

  /**
   * Signatures checked lately: a batch heard again with something new in it (over a second path) is
   * checked once. Kept small, by count and by the bytes of the bodies it holds on to: it used to
   * keep 4,096 bodies, which at full batches is more than a station's heap, and which kept every
   * young collection copying megabytes of them.
   */
  private final Map<ByteBuffer, Verified> verified = new LinkedHashMap<>(256, 0.75f, true);

  private long verifiedBytes;
  static final int VERIFIED_MAX = 256;
  static final long VERIFIED_MAX_BYTES = 2L << 20;

  Publisher south;
  Publisher north;
  PeerChannel peer;
  HistoryHub history;
  java.util.function.BooleanSupplier activeCheck = () -> true;

  /**
   * Whether this station must not finish a sync exchange with its parent now: an active peer whose
   * own loop stalled past a deadline, and which has not heard its peer since (set by the loop of a
   * pair's peer; see {@link HaController#holdsNorthSync}).
   */
  java.util.function.BooleanSupplier holdNorthSync = () -> false;

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

  /**
   * Applies one of this station's own writes. It leaves with the next {@link #flushOwn} as part of
   * a batch this station signs; true if it changed the DIM.
   */
  boolean applyOwn(Entry e) {
    if (!dim.apply(e)) {
      return false;
    }
    counters.updatesApplied++;
    own.add(e);
    for (Consumer<Entry> l : appliedListeners) {
      l.accept(e);
    }
    return true;
  }

  /**
   * Signs this station's own writes since the last flush, one batch per owner (the node, or this
   * peer's own keys), and hands the batches to the streams. A secured station signs at most once
   * per {@link #SIGN_INTERVAL_NANOS} unless a batch is full: each signature costs CPU at the signer
   * and at every station that checks it.
   */
  void flushOwn(long now) {
    if (own.isEmpty()
        || (security != null
            && own.size() < Publisher.MAX_BATCH
            && now - lastSignNanos < SIGN_INTERVAL_NANOS)) {
      return;
    }
    lastSignNanos = now;
    Map<String, List<Entry>> byOwner = new LinkedHashMap<>();
    for (Entry e : own) {
      byOwner.computeIfAbsent(e.owner(), o -> new ArrayList<>()).add(e);
    }
    own.clear();
    for (List<Entry> entries : byOwner.values()) {
      for (int from = 0; from < entries.size(); from += Publisher.MAX_BATCH) {
        List<Entry> part =
            entries.subList(from, Math.min(entries.size(), from + Publisher.MAX_BATCH));
        SignedBatch b = sign(part);
        for (Entry e : part) {
          origin.put(e.key(), b);
        }
        relay(b, Source.LOCAL);
      }
    }
  }

  /** When own writes are due to be signed and sent, or {@link Long#MAX_VALUE} if none wait. */
  long ownDueNanos() {
    if (own.isEmpty()) {
      return Long.MAX_VALUE;
    }
    return security == null ? 0 : lastSignNanos + SIGN_INTERVAL_NANOS;
  }

  private SignedBatch sign(List<Entry> entries) {
    String signer = station.toString();
    if (security == null) {
      return SignedBatch.unsigned(signer, entries);
    }
    byte[] body = Codec.entries(entries);
    return new SignedBatch(signer, body, security.signer().sign(body), List.copyOf(entries));
  }

  /**
   * Applies an owner batch from a neighbour ({@code from}, for the log). Its entries must all be
   * owned by the signer's node (a peer's own keys by that peer), and on a secured station the
   * signature must be the owner's: otherwise nothing of it is applied, it is counted as forged and
   * its relay logged once. Entries that pass {@code access} (checked first, so a relay's breach is
   * counted even when stale) and are newer are applied; if any was, the batch goes on, byte for
   * byte, to the streams that carry it.
   *
   * @return the number of entries applied
   */
  int applyBatch(SignedBatch b, Source source, Predicate<Entry> access, String from) {
    List<Entry> entries = b.entries();
    counters.updatesIn += entries.size();
    List<Entry> wanted = new ArrayList<>(entries.size());
    for (Entry e : entries) {
      if (access.test(e) && isNewer(e)) {
        wanted.add(e);
      }
    }
    if (wanted.isEmpty() || !authentic(b, from)) {
      return 0; // nothing to apply is not worth a signature check
    }
    int applied = 0;
    long now = System.nanoTime();
    for (Entry e : wanted) {
      if (!dim.apply(e)) {
        continue;
      }
      applied++;
      origin.put(e.key(), b);
      counters.updatesApplied++;
      if (e.value() != null && e.value().type() == ValueType.LONG && e.key().contains("/bench/")) {
        long lat = now - e.value().asLong();
        if (lat > 0) {
          latency.recordValue(Math.min(lat, latency.getHighestTrackableValue()));
        }
      }
      for (Consumer<Entry> l : appliedListeners) {
        l.accept(e);
      }
    }
    if (applied > 0) {
      relay(b, source);
    }
    return applied;
  }

  private boolean isNewer(Entry e) {
    Entry held = dim.get(e.key());
    return held == null || e.version().isNewerThan(held.version());
  }

  /** Whether the batch is its signer's: entries of the signer's node, and a good signature. */
  private boolean authentic(SignedBatch b, String from) {
    StationId signer = StationId.parse(b.signer()).orElse(null);
    if (signer == null) {
      forged(b, from, "names no station as its signer");
      return false;
    }
    for (Entry e : b.entries()) {
      String owner = e.owner();
      if (owner == null || !Keys.isValid(e.key())) {
        counters.droppedMalformed++;
        return false;
      }
      boolean peerKey = owner.indexOf('[') >= 0;
      if (peerKey ? !owner.equals(b.signer()) : !owner.equals(signer.nodeId())) {
        forged(b, from, "holds " + e.key() + ", which its signer does not own");
        return false;
      }
    }
    if (security == null) {
      return true;
    }
    if (!b.signed()) {
      forged(b, from, "is not signed");
      return false;
    }
    ByteBuffer sig = ByteBuffer.wrap(b.signature());
    Verified seen = verified.get(sig);
    if (seen != null && seen.signer().equals(b.signer()) && Arrays.equals(seen.body(), b.body())) {
      return true;
    }
    if (!security.verifier().verify(signer.nodeId(), b.signer(), b.body(), b.signature())) {
      forged(b, from, "fails its signature check");
      return false;
    }
    remember(sig, new Verified(b.signer(), b.body()));
    return true;
  }

  /** Bodies held by the cache of checked signatures, in bytes (for tests). */
  long verifiedBytes() {
    return verifiedBytes;
  }

  private void remember(ByteBuffer sig, Verified v) {
    Verified before = verified.put(sig, v);
    verifiedBytes += v.body().length - (before == null ? 0 : before.body().length);
    var eldest = verified.values().iterator();
    while (verified.size() > VERIFIED_MAX || verifiedBytes > VERIFIED_MAX_BYTES) {
      verifiedBytes -= eldest.next().body().length;
      eldest.remove();
    }
  }

  private void forged(SignedBatch b, String from, String what) {
    counters.droppedForged++;
    if (forgeriesLogged.add(from + " " + b.signer())) {
      log.warn(
          "dropping a batch of {} relayed by {}: it {} (logged once per relay and signer; see"
              + " counter droppedForged)",
          b.signer(),
          from,
          what);
    }
  }

  /** Hands a batch to the streams that carry it from this station. */
  void relay(SignedBatch b, Source source) {
    if (south != null) {
      south.add(b);
    }
    String owner = b.entries().get(0).owner();
    boolean ownStation = station.toString().equals(owner);
    if (north != null && (active() || ownStation) && Keys.ownerWithin(owner, node.id())) {
      north.add(b);
    }
    if (peer != null && source == Source.LOCAL) {
      peer.add(b);
    }
  }

  /**
   * The owner batches that carry these entries, each once, in the order first needed: a delta
   * travels as the batches its owners signed.
   */
  List<SignedBatch> batchesOf(List<Entry> entries) {
    Set<SignedBatch> out = new LinkedHashSet<>();
    for (Entry e : entries) {
      SignedBatch b = origin.get(e.key());
      if (b != null) {
        out.add(b);
      }
    }
    return new ArrayList<>(out);
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
