package io.stellwerk.node.federation;

import io.stellwerk.node.dim.Entry;
import io.stellwerk.node.ha.HaState;
import io.stellwerk.node.history.HistoryMessages;
import io.stellwerk.node.management.ManagementFrame;
import io.stellwerk.node.plc.LifeSignWatcher;
import io.stellwerk.node.plc.ModbusDriver;
import io.stellwerk.node.plc.PlcActor;
import io.stellwerk.node.plc.PlcDriver;
import io.stellwerk.node.plc.TunnelSimulator;
import io.stellwerk.node.plc.WriteLease;
import io.stellwerk.node.security.Fingerprint;
import io.stellwerk.node.security.KeyFileException;
import io.stellwerk.node.security.TrustEntry;
import io.stellwerk.node.security.TrustRole;
import io.stellwerk.node.security.TrustState;
import io.stellwerk.node.security.ZapHandler;
import io.stellwerk.node.topology.Endpoint;
import io.stellwerk.node.topology.HostNames;
import io.stellwerk.node.topology.ModbusBinding;
import io.stellwerk.node.topology.PeerRole;
import io.stellwerk.node.topology.PlcBinding;
import io.stellwerk.node.topology.PlcKind;
import io.stellwerk.node.topology.SocketRole;
import io.stellwerk.node.topology.StationId;
import io.stellwerk.node.topology.TopologyNode;
import io.stellwerk.node.wire.Codec;
import io.stellwerk.node.wire.CommandRequest;
import io.stellwerk.node.wire.MalformedFrameException;
import io.stellwerk.node.wire.MessageType;
import io.stellwerk.node.wire.WireReader;
import io.stellwerk.node.wire.WireWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

/**
 * The one thread that owns a station's sockets. Each turn it polls every socket, handles what
 * arrived, flushes the turn's updates as one batch per stream, sends heartbeats and checks
 * deadlines. Other threads reach it only through its task queue and inproc pipe.
 */
final class FederationLoop implements Runnable {

  private static final Logger log = LoggerFactory.getLogger(FederationLoop.class);
  private static final int DRAIN = 64;
  private static final long TRUST_CHECK_NANOS = 500_000_000L;

  final StationContext ctx;
  final ZContext zctx = new ZContext();
  final List<ParentLink> parents = new ArrayList<>();
  final List<ChildChannel> children = new ArrayList<>();
  final CommandExecutor executor;
  final LoadGenerator load;
  final CommandRouter router;
  final ManagementService management;
  final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  final CountDownLatch started = new CountDownLatch(1);
  final CountDownLatch stopped = new CountDownLatch(1);
  volatile Throwable startFailure;
  volatile Throwable failure;
  volatile boolean running = true;
  PlcActor plc;
  HaController ha;

  /**
   * Permission to write the PLC: always for a single node, renewed by the HA controller on a peer.
   */
  WriteLease lease = WriteLease.always();

  private boolean pollerDirty;
  private long lastVoteNanos;
  private final Map<String, ChildChannel> childByIdentity = new HashMap<>();
  private ZMQ.Socket southRouter;
  private ZMQ.Socket mgmt;
  private ZMQ.Socket wakeIn;
  private ZMQ.Socket wakeOut;
  private ZMQ.Poller poller;
  private final List<Runnable> handlers = new ArrayList<>();
  private final String[] userId = new String[1];
  private ZapHandler zap;
  private Map<TrustRole, Set<Fingerprint>> admitted = Map.of();
  private long nextTrustCheck;
  private boolean signerErrorLogged;

  FederationLoop(StationContext ctx) {
    this.ctx = ctx;
    this.executor = new CommandExecutor(ctx);
    this.load = new LoadGenerator(executor, ctx.nodeId());
    this.router = new CommandRouter(ctx, executor, new Hops(), children, parents);
    this.management = new ManagementService(ctx, this);
  }

  /** Runs a task on the loop thread (thread-safe). */
  void post(Runnable task) {
    tasks.add(task);
    synchronized (this) {
      if (wakeOut != null) {
        wakeOut.send(new byte[] {1}, ZMQ.DONTWAIT);
      }
    }
  }

  @Override
  public void run() {
    try {
      setUp();
    } catch (RuntimeException e) {
      startFailure = e;
      started.countDown();
      zctx.close();
      stopped.countDown();
      return;
    }
    started.countDown();
    try {
      loop();
    } catch (RuntimeException | Error e) {
      failure = e;
      log.error("event loop of {} failed", ctx.station, e);
    } finally {
      if (plc != null) {
        plc.close();
      }
      if (ctx.history != null) {
        ctx.history.close();
      }
      if (ha != null && ha.witness != null) {
        ha.witness.close();
      }
      synchronized (this) {
        if (zap != null) {
          zap.close();
        }
        zctx.close();
        wakeOut = null;
      }
      stopped.countDown();
    }
  }

  private void setUp() {
    long now = System.nanoTime();
    StationId me = ctx.station;
    TopologyNode node = ctx.node;
    if (ctx.security != null) {
      zap = ZapHandler.start(zctx, ctx.security.trust());
      admitted = admittedByRole();
    } else {
      log.warn("{} runs WITHOUT security (--insecure): links are plain text, anyone may join", me);
    }
    if (!node.children().isEmpty()) {
      southRouter = bind(Sockets.router(zctx), SocketRole.SOUTH_ROUTER);
      ctx.south =
          new Publisher(
              bind(Sockets.pub(zctx), SocketRole.SOUTH_PUB), me.toString(), ctx.incarnation);
      for (TopologyNode child : node.children()) {
        for (StationId s : child.stations()) {
          ChildChannel ch = new ChildChannel(s, ctx, zctx, southRouter);
          ch.open(now);
          children.add(ch);
          childByIdentity.put(s.toString(), ch);
        }
      }
    }
    if (ctx.hasParent()) {
      ctx.north =
          new Publisher(
              bind(Sockets.pub(zctx), SocketRole.NORTH_PUB), me.toString(), ctx.incarnation);
      for (StationId p : ctx.topology.parent(node.id()).orElseThrow().stations()) {
        ParentLink link = new ParentLink(p, ctx, zctx);
        link.open(now);
        parents.add(link);
      }
    }
    mgmt = bind(Sockets.router(zctx), SocketRole.MANAGEMENT);
    String wake = "inproc://wake-" + System.identityHashCode(this);
    wakeIn = zctx.createSocket(SocketType.PAIR);
    wakeIn.bind(wake);
    synchronized (this) {
      wakeOut = zctx.createSocket(SocketType.PAIR);
      wakeOut.connect(wake);
    }
    if (ctx.config.dataDir() != null) {
      ctx.history = new HistoryHub(ctx, this, ctx.config.dataDir().resolve("history"));
      children.forEach(c -> c.history = new HistoryLink(ctx.history, c));
      parents.forEach(p -> p.history = new HistoryFeed(ctx.history, p));
    }
    if (me.isPeer()) {
      ZMQ.Socket peerRouter = bind(Sockets.router(zctx), SocketRole.PEER_LINK);
      PeerChannel peer = new PeerChannel(ctx, zctx, peerRouter);
      peer.open(now);
      ctx.peer = peer;
      if (ctx.history != null) {
        ctx.history.pairWith(peer);
      }
      lease = WriteLease.renewable();
      ha = new HaController(ctx, this, peer, lifeSignWatcher(), lease);
      ctx.activeCheck = () -> ha.state() == HaState.ACTIVE;
      ctx.holdNorthSync = () -> ha.holdsNorthSync(System.nanoTime());
      ha.start();
    } else {
      startPlc();
    }
    management.warmUp();
    log.info("{} up: {} parent link(s), {} child link(s)", me, parents.size(), children.size());
  }

  /** Starts the PLC actor if the node has a PLC and it is not running (active stations only). */
  void startPlc() {
    TopologyNode node = ctx.node;
    if (plc != null || node.plc() == null) {
      return;
    }
    Supplier<PlcDriver> factory;
    switch (PlcKind.byLabel(node.plc().kind()).orElseThrow()) {
      case SIMULATOR -> factory = () -> new TunnelSimulator(node.id(), node.plc());
      case MODBUS -> {
        ModbusBinding b = ModbusBinding.of(node.plc());
        String host = ctx.config.hosts().map(b.host());
        String from = plcSourceAddress(host);
        boolean yields = ctx.station.role() == PeerRole.BACKUP;
        factory = () -> new ModbusDriver(node.id(), b, host, from, lease, yields);
      }
      default -> throw new IllegalStateException("no driver for " + node.plc().kind());
    }
    Set<String> writable = factory.get().writableKeys();
    plc = new PlcActor(zctx, ctx.station.toString(), factory);
    executor.attach(plc, writable);
    pollerDirty = true;
  }

  /** The life-sign watcher of a peer whose node has a Modbus PLC with a life sign. */
  private LifeSignWatcher lifeSignWatcher() {
    PlcBinding p = ctx.node.plc();
    if (p == null || PlcKind.byLabel(p.kind()).orElse(null) != PlcKind.MODBUS) {
      return null;
    }
    ModbusBinding b = ModbusBinding.of(p);
    if (b.lifeSignRegister().isEmpty()) {
      return null;
    }
    String host = ctx.config.hosts().map(b.host());
    Duration deadline = b.lifeSignInterval().multipliedBy(ctx.config.timing().missedBeats());
    return new LifeSignWatcher(ctx.station.toString(), b, host, plcSourceAddress(host), deadline);
  }

  /**
   * On loopback (a local federation) each station talks to its PLC from its own address, so the
   * PLC's log tells the peers apart; elsewhere the system picks the route and source address.
   */
  private String plcSourceAddress(String plcHost) {
    String own = ctx.config.hosts().map(ctx.topology.address(ctx.station).host());
    return HostNames.isLoopback(plcHost) && HostNames.isLoopback(own) ? own : null;
  }

  /** Stops the PLC actor: only the active peer of a pair polls and writes the PLC. */
  void stopPlc() {
    if (plc == null) {
      return;
    }
    plc.close();
    executor.attach(null, Set.of());
    plc = null;
    pollerDirty = true;
  }

  private ZMQ.Socket bind(ZMQ.Socket s, SocketRole role) {
    Endpoint e = ctx.plan.bound(ctx.station, role);
    ctx.serve(s, role);
    try {
      s.bind(e.uri());
    } catch (ZMQException ex) {
      throw new IllegalStateException(
          "cannot bind "
              + e.uri()
              + " ("
              + role.purpose()
              + "): "
              + ex.getMessage()
              + " - is another station using it?",
          ex);
    }
    return s;
  }

  private void rebuildPoller() {
    if (poller != null) {
      poller.close();
    }
    handlers.clear();
    poller = zctx.createPoller(8 + parents.size() * 2 + children.size());
    register(wakeIn, () -> drainWake());
    register(mgmt, this::onManagement);
    if (southRouter != null) {
      register(southRouter, this::onSouthRouter);
    }
    if (plc != null) {
      register(plc.pipe(), () -> plc.drain(executor::onReading));
    }
    for (ParentLink p : parents) {
      register(p.sub, () -> drain(p.sub, m -> p.onStream(m, System.nanoTime())));
      register(p.dealer, () -> drain(p.dealer, m -> onParentDealer(p, m)));
    }
    for (ChildChannel c : children) {
      register(c.sub, () -> drain(c.sub, m -> c.onStream(m, System.nanoTime())));
    }
    if (ha != null) {
      register(ha.peer.router, this::onPeerRouter);
    }
    pollerDirty = false;
  }

  private void register(ZMQ.Socket s, Runnable handler) {
    poller.register(s, ZMQ.Poller.POLLIN);
    handlers.add(handler);
  }

  private void loop() {
    rebuildPoller();
    long hbNanos = ctx.config.timing().heartbeat().toNanos();
    long deadlineNanos = ctx.config.deadline().toNanos();
    long nextTick = System.nanoTime();
    while (running && !Thread.currentThread().isInterrupted()) {
      long now = System.nanoTime();
      boolean busy = load.active(now) || (ctx.history != null && ctx.history.filling());
      long due = Math.min(nextTick, ctx.ownDueNanos());
      long timeout = busy ? 1 : Math.max(0, (due - now) / 1_000_000);
      poller.poll(Math.min(timeout, hbNanos / 1_000_000));
      // Every socket is drained every turn, not only those the poller flagged: a socket's
      // readiness signal is edge-triggered and can be consumed while we send on it, which would
      // leave received messages waiting for the next, unrelated event.
      for (Runnable handler : handlers) {
        handler.run();
      }
      Runnable t;
      while ((t = tasks.poll()) != null) {
        t.run();
      }
      now = System.nanoTime();
      load.tick(now);
      if (ctx.history != null) {
        ctx.history.tick(now);
      }
      flush(now);
      if (now >= nextTick) {
        nextTick = now + Math.max(1_000_000, hbNanos / 4);
        boolean dirty = false;
        for (ParentLink p : parents) {
          dirty |= p.tick(now, deadlineNanos);
        }
        for (ChildChannel c : children) {
          dirty |= c.tick(now, deadlineNanos);
          if (c.history != null) {
            c.history.tick(now, deadlineNanos);
          }
        }
        router.tick(System.currentTimeMillis());
        if (ctx.security != null && now >= nextTrustCheck) {
          nextTrustCheck = now + TRUST_CHECK_NANOS;
          cutRevoked();
          refreshSigners(now);
        }
        if (ha != null) {
          dirty |= ha.peer.tick(now, deadlineNanos);
          ha.tick(now);
          for (ParentLink p : parents) {
            p.resumeHeldSync(now);
          }
        }
        votes(now, hbNanos);
        if (ctx.south != null) {
          ctx.south.heartbeatIfIdle(now, hbNanos);
        }
        if (ctx.north != null) {
          ctx.north.heartbeatIfIdle(now, hbNanos);
        }
        pollerDirty |= dirty;
      }
      if (pollerDirty) {
        rebuildPoller();
      }
    }
  }

  private void flush(long now) {
    ctx.flushOwn(now);
    if (ctx.south != null) {
      ctx.counters.updatesOut += ctx.south.flush(now);
    }
    if (ctx.north != null) {
      ctx.counters.updatesOut += ctx.north.flush(now);
    }
    if (ctx.peer != null) {
      ctx.peer.flush();
    }
  }

  /**
   * A child of a pair votes: when no parent peer it can reach is active, it turns to every parent
   * peer it can reach. A passive peer takes that as evidence the active is gone (if its own peer
   * link is silent too).
   */
  private void votes(long now, long hbNanos) {
    if (now - lastVoteNanos < hbNanos) {
      return;
    }
    voteForChildPairs(now);
    if (parents.size() < 2) {
      return;
    }
    tellTheOlderActive(
        parents,
        p -> p.parent,
        (p, body) ->
            Frames.send(p.dealer, null, Frames.header(ctx, MessageType.NEWER_ACTIVE), body));
    for (ParentLink p : parents) {
      Entry st = ctx.dim.get(p.parent + "/ha/state");
      boolean active = st != null && !st.isTombstone() && "active".equals(st.value().text());
      if (active && p.state != LinkState.DOWN) {
        return;
      }
    }
    lastVoteNanos = now;
    for (ParentLink p : parents) {
      if (p.state != LinkState.DOWN) {
        Frames.send(p.dealer, null, Frames.header(ctx, MessageType.VOTE), new byte[0]);
      }
    }
  }

  /**
   * A parent votes for a child pair the way children vote for a parent pair: when it hears no
   * active peer of the pair, it turns to every peer it still hears. This gives a pair at a leaf,
   * which has no children, the evidence it needs to take over.
   */
  private void voteForChildPairs(long now) {
    for (TopologyNode child : ctx.node.children()) {
      if (!child.isPair()) {
        continue;
      }
      List<ChildChannel> peers =
          children.stream().filter(c -> c.child.nodeId().equals(child.id())).toList();
      boolean activeHeard =
          peers.stream()
              .anyMatch(
                  c -> {
                    Entry st = ctx.dim.get(c.child + "/ha/state");
                    return c.state != LinkState.DOWN
                        && st != null
                        && !st.isTombstone()
                        && "active".equals(st.value().text());
                  });
      if (activeHeard) {
        tellTheOlderActive(
            peers,
            c -> c.child,
            (c, body) ->
                Frames.send(
                    southRouter, c.identity, Frames.header(ctx, MessageType.NEWER_ACTIVE), body));
        continue;
      }
      lastVoteNanos = now;
      for (ChildChannel c : peers) {
        if (c.state != LinkState.DOWN) {
          Frames.send(southRouter, c.identity, Frames.header(ctx, MessageType.VOTE), new byte[0]);
        }
      }
    }
  }

  /**
   * When both peers of a pair this station hears claim to be active (a peer thawed while the peer
   * link is cut cannot learn of the takeover from its peer), tells the one with the lower epoch
   * that the other is active with a higher one, so it steps down by the pair's own rule. Only peers
   * whose link is up count: a dead peer's last state is not evidence.
   */
  private <L extends LinkSession> void tellTheOlderActive(
      List<L> links, Function<L, StationId> station, BiConsumer<L, byte[]> send) {
    L older = null;
    long olderEpoch = Long.MAX_VALUE;
    StationId newer = null;
    long newerEpoch = Long.MIN_VALUE;
    int active = 0;
    for (L link : links) {
      StationId s = station.apply(link);
      Entry st = ctx.dim.get(s + "/ha/state");
      Entry ep = ctx.dim.get(s + "/ha/epoch");
      if (link.state == LinkState.DOWN
          || st == null
          || st.isTombstone()
          || !"active".equals(st.value().text())
          || ep == null
          || ep.isTombstone()) {
        continue;
      }
      active++;
      long epoch = ep.value().asLong();
      if (epoch < olderEpoch) {
        olderEpoch = epoch;
        older = link;
      }
      if (epoch > newerEpoch) {
        newerEpoch = epoch;
        newer = s;
      }
    }
    if (active < 2 || olderEpoch == newerEpoch) {
      return;
    }
    send.accept(
        older, new WireWriter(32).varlong(newerEpoch).string(newer.toString()).toByteArray());
  }

  private void onNewerActive(Frames.Message m, String from) throws MalformedFrameException {
    WireReader r = m.reader();
    long epoch = r.varlong();
    String holder = r.string();
    r.end();
    if (ha != null) {
      ha.onNewerActive(epoch, holder, from, System.nanoTime());
    }
  }

  private void onPeerRouter() {
    for (int i = 0; i < DRAIN; i++) {
      List<byte[]> frames = Frames.receive(ha.peer.router, userId);
      if (frames == null) {
        return;
      }
      try {
        String identity = new String(frames.get(0), StandardCharsets.UTF_8);
        Frames.Message m = Frames.decode(frames, 1);
        if (!identity.equals(ha.peer.peer.toString())
            || !m.header().sender().equals(identity)
            || !keyMatches(identity)) {
          ctx.counters.droppedUnauthorised++;
          continue;
        }
        long now = System.nanoTime();
        if (m.header().type() == MessageType.TAKEOVER) {
          ha.peer.lastHeardNanos = now;
          ha.onTakeover(now, "switchover from " + identity);
          continue;
        }
        if (ctx.history != null && ctx.history.onPeerMessage(m, now)) {
          continue;
        }
        HaState peerState = ha.peer.onMessage(m, now);
        if (peerState != null) {
          ha.onPeerState(peerState, now);
        }
      } catch (MalformedFrameException | RuntimeException e) {
        malformed(e);
      }
    }
  }

  private void drainWake() {
    while (wakeIn.recv(ZMQ.DONTWAIT) != null) {
      // wake-up only; tasks run after the handlers
    }
  }

  /** Something that handles one decoded message and may reject it as malformed. */
  private interface MessageHandler {
    void handle(Frames.Message m) throws MalformedFrameException;
  }

  private void drain(ZMQ.Socket s, MessageHandler h) {
    for (int i = 0; i < DRAIN; i++) {
      List<byte[]> frames = Frames.receive(s);
      if (frames == null) {
        return;
      }
      try {
        h.handle(Frames.decode(frames, 0));
      } catch (MalformedFrameException | RuntimeException e) {
        malformed(e);
      }
    }
  }

  private void malformed(Exception e) {
    ctx.counters.droppedMalformed++;
    if (log.isDebugEnabled()) {
      log.debug("dropped a malformed message: {}", e.toString());
    }
  }

  private void onParentDealer(ParentLink p, Frames.Message m) throws MalformedFrameException {
    MessageType type = m.header().type();
    switch (type) {
      case SYNC_REPLY, RESYNC -> p.onSyncMessage(m, System.nanoTime());
      case HISTORY_REQUEST -> {
        p.lastHeardNanos = System.nanoTime();
        if (p.history != null) {
          p.history.onRequest(HistoryMessages.request(m.body()));
        }
      }
      case HISTORY_CREDIT -> {
        p.lastHeardNanos = System.nanoTime();
        if (p.history != null) {
          p.history.onCredit(HistoryMessages.credit(m.body()));
        }
      }
      case COMMAND -> {
        CommandRequest c = Codec.command(m.body());
        p.lastHeardNanos = System.nanoTime();
        router.route(
            c,
            r ->
                Frames.send(
                    p.dealer,
                    null,
                    Frames.header(ctx, MessageType.COMMAND_REPLY),
                    Codec.commandReply(r)));
      }
      case COMMAND_REPLY -> router.onReply(Codec.commandReply(m.body()));
      case VOTE -> {
        if (ha != null) {
          ha.onVote(p.parent.toString(), System.nanoTime());
        }
      }
      case NEWER_ACTIVE -> onNewerActive(m, "parent " + p.parent);
      default -> throw new MalformedFrameException("unexpected " + type + " from the parent");
    }
  }

  private void onSouthRouter() {
    for (int i = 0; i < DRAIN; i++) {
      List<byte[]> frames = Frames.receive(southRouter, userId);
      if (frames == null) {
        return;
      }
      try {
        String identity = new String(frames.get(0), StandardCharsets.UTF_8);
        ChildChannel ch = childByIdentity.get(identity);
        Frames.Message m = Frames.decode(frames, 1);
        if (ch == null || !m.header().sender().equals(identity) || !keyMatches(identity)) {
          ctx.counters.droppedUnauthorised++;
          continue;
        }
        long now = System.nanoTime();
        switch (m.header().type()) {
          case SYNC_REQUEST -> ch.onSyncRequest(m, now);
          case SUBTREE_DELTA -> ch.onSubtreeDelta(m, now);
          case HISTORY_CHUNK -> {
            ch.lastHeardNanos = now;
            if (ch.history != null) {
              ch.history.onChunk(HistoryMessages.chunk(m.reader()), now);
            }
          }
          case COMMAND -> {
            CommandRequest c = Codec.command(m.body());
            router.route(
                c,
                r ->
                    Frames.send(
                        southRouter,
                        ch.identity,
                        Frames.header(ctx, MessageType.COMMAND_REPLY),
                        Codec.commandReply(r)));
          }
          case COMMAND_REPLY -> router.onReply(Codec.commandReply(m.body()));
          case VOTE -> {
            if (ha != null) {
              ha.onVote(identity, now);
            }
          }
          case NEWER_ACTIVE -> onNewerActive(m, "child " + identity);
          default ->
              throw new MalformedFrameException(
                  "unexpected " + m.header().type() + " from a child");
        }
      } catch (MalformedFrameException | RuntimeException e) {
        malformed(e);
      }
    }
  }

  private void onManagement() {
    for (int i = 0; i < DRAIN; i++) {
      List<byte[]> frames = Frames.receive(mgmt);
      if (frames == null) {
        return;
      }
      // [identity][request id, json] (ManagementFrame); replies echo the request id.
      ManagementFrame request =
          frames.size() == 2 ? ManagementFrame.parse(frames.get(1)).orElse(null) : null;
      if (request == null) {
        ctx.counters.droppedMalformed++;
        continue;
      }
      byte[] identity = frames.get(0);
      management.handle(
          request.json(),
          json -> {
            try {
              if (mgmt.send(identity, ZMQ.SNDMORE | ZMQ.DONTWAIT)) {
                mgmt.send(
                    new ManagementFrame(request.requestId(), json.getBytes(StandardCharsets.UTF_8))
                        .encode(),
                    ZMQ.DONTWAIT);
              }
            } catch (ZMQException e) {
              // the client went away before its answer was ready
            }
          });
    }
  }

  /**
   * On a secured station, whether the key that sent the last message received is bound to the
   * routing identity it uses: ZAP admits a child's key as a child, but only this check stops it
   * from taking a sibling's routing id.
   */
  private boolean keyMatches(String routingIdentity) {
    if (ctx.security == null || routingIdentity.equals(userId[0])) {
      return true;
    }
    ctx.offender(
        userId[0] == null ? "an unauthenticated sender" : userId[0],
        "used the routing identity " + routingIdentity + " of another station");
    return false;
  }

  /** Every fingerprint the trust store admits, by role. */
  private Map<TrustRole, Set<Fingerprint>> admittedByRole() {
    Map<TrustRole, Set<Fingerprint>> m = new EnumMap<>(TrustRole.class);
    for (TrustRole r : TrustRole.values()) {
      m.put(r, new HashSet<>());
    }
    for (TrustEntry e : ctx.security.trust().list()) {
      if (e.state() == TrustState.ACCEPTED && e.role() != null) {
        m.get(e.role()).add(e.fingerprint());
      }
    }
    return m;
  }

  /**
   * Cuts the live connections of keys no longer admitted (revoked, rejected, replaced). A CURVE
   * connection is checked only at its handshake and jeromq cannot drop one peer of a bound socket,
   * so every socket serving the role of a lost key is closed and bound again: all its clients
   * reconnect through ZAP and the lost key is denied. Runs every {@link #TRUST_CHECK_NANOS} and at
   * once after a decision over the management socket.
   */
  void cutRevoked() {
    if (ctx.security == null) {
      return;
    }
    Map<TrustRole, Set<Fingerprint>> now = admittedByRole();
    for (TrustRole role : TrustRole.values()) {
      Set<Fingerprint> lost = new HashSet<>(admitted.getOrDefault(role, Set.of()));
      lost.removeAll(now.get(role));
      if (!lost.isEmpty()) {
        log.warn(
            "{}: {} key(s) of role {} no longer admitted: closing their connections",
            ctx.station,
            lost.size(),
            role.label());
        rebind(role);
      }
    }
    admitted = now;
  }

  /**
   * Picks up signer certificates the engineer added or replaced. Batches refused before (an unknown
   * or replaced signer key) are not sent again by themselves, so every link runs a new exchange.
   */
  private void refreshSigners(long now) {
    boolean changed;
    try {
      changed = ctx.security.verifier().refresh();
    } catch (KeyFileException e) {
      if (!signerErrorLogged) {
        log.error("{}: signers not reloaded: {}", ctx.station, e.getMessage());
        signerErrorLogged = true;
      }
      return;
    }
    signerErrorLogged = false;
    if (!changed) {
      return;
    }
    log.info("{}: signer certificates changed: resyncing every link", ctx.station);
    parents.forEach(p -> p.resync(now));
    children.forEach(c -> c.resync());
    if (ha != null) {
      ha.peer.resync();
    }
  }

  private void rebind(TrustRole role) {
    switch (role) {
      case CHILD -> {
        if (southRouter != null) {
          southRouter = rebound(southRouter, SocketRole.SOUTH_ROUTER);
          children.forEach(c -> c.router = southRouter);
          ctx.south.replace(rebound(ctx.south.socket(), SocketRole.SOUTH_PUB));
        }
      }
      case PARENT -> {
        if (ctx.north != null) {
          ctx.north.replace(rebound(ctx.north.socket(), SocketRole.NORTH_PUB));
        }
      }
      case PEER -> {
        if (ha != null) {
          ha.peer.router = rebound(ha.peer.router, SocketRole.PEER_LINK);
        }
      }
      case WORKSTATION -> mgmt = rebound(mgmt, SocketRole.MANAGEMENT);
    }
    pollerDirty = true;
  }

  /** Closes a bound socket and binds a new one of the same kind on its endpoint. */
  private ZMQ.Socket rebound(ZMQ.Socket old, SocketRole role) {
    SocketType type = old.getSocketType();
    zctx.destroySocket(old);
    ZMQ.Socket fresh = type == SocketType.ROUTER ? Sockets.router(zctx) : Sockets.pub(zctx);
    Endpoint e = ctx.plan.bound(ctx.station, role);
    ctx.serve(fresh, role);
    // The closed socket releases its port asynchronously: retry briefly.
    for (int attempt = 0; ; attempt++) {
      try {
        fresh.bind(e.uri());
        return fresh;
      } catch (ZMQException ex) {
        if (attempt >= 100) {
          throw new IllegalStateException("cannot bind " + e.uri() + " again: " + ex.getMessage());
        }
        java.util.concurrent.locks.LockSupport.parkNanos(10_000_000L);
      }
    }
  }

  /** Sends commands one hop down or up. */
  private final class Hops implements CommandRouter.Hops {
    @Override
    public boolean down(ChildChannel child, CommandRequest c) {
      return Frames.send(
          southRouter, child.identity, Frames.header(ctx, MessageType.COMMAND), Codec.command(c));
    }

    @Override
    public boolean up(ParentLink parent, CommandRequest c) {
      return Frames.send(
          parent.dealer, null, Frames.header(ctx, MessageType.COMMAND), Codec.command(c));
    }
  }
}
