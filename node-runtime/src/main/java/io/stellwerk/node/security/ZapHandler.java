package io.stellwerk.node.security;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import zmq.Ctx;

/**
 * The ZAP handler (RFC 27) of one {@link ZContext}: a thread answering the CURVE handshakes of
 * every server socket in that context from a {@link TrustStore}. A key is admitted only if it is
 * accepted for the role the socket's ZAP domain names; the reply's user id is the key's identity,
 * which the socket then attaches to each message as {@code User-Id}.
 *
 * <p>jeromq admits every client that knows a CURVE server's public key when no handler is bound in
 * the server's context, so this handler fails closed: {@link #close()} stops answering but leaves
 * the ZAP endpoint bound until the context closes, and handshakes then wait instead of passing.
 * {@link CurveSecurity#server} refuses a context that has no running handler.
 */
public final class ZapHandler implements AutoCloseable {

  /** The endpoint jeromq's sessions look for (fixed by RFC 27). */
  public static final String ZAP_ENDPOINT = "inproc://zeromq.zap.01";

  private static final Logger LOG = LoggerFactory.getLogger(ZapHandler.class);
  private static final Map<Ctx, ZapHandler> RUNNING =
      Collections.synchronizedMap(new IdentityHashMap<>());
  private static final AtomicLong IDS = new AtomicLong();

  private final TrustStore store;
  private final ZContext zctx;
  private final String pipe = "inproc://stellwerk-zap-control-" + IDS.incrementAndGet();
  private final CountDownLatch bound = new CountDownLatch(1);
  private final Thread thread;
  private final AtomicLong admitted = new AtomicLong();
  private final AtomicLong denied = new AtomicLong();
  private volatile Ctx ctx;
  private volatile RuntimeException startFailure;
  private ZMQ.Socket zap;
  private ZMQ.Socket stopper;

  private ZapHandler(ZContext zctx, TrustStore store) {
    this.store = store;
    this.zctx = zctx;
    thread = new Thread(this::run, "zap-handler");
    thread.setDaemon(true);
  }

  /**
   * Binds the ZAP endpoint in {@code zctx} and starts answering from {@code store}. Call it before
   * binding any CURVE server socket in that context.
   */
  public static ZapHandler start(ZContext zctx, TrustStore store) {
    ZapHandler h = new ZapHandler(zctx, store);
    h.thread.start();
    try {
      h.bound.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the ZAP handler started", e);
    }
    if (h.startFailure != null) {
      throw h.startFailure;
    }
    h.stopper = zctx.createSocket(SocketType.PAIR);
    h.stopper.connect(h.pipe);
    RUNNING.put(h.ctx, h);
    return h;
  }

  /** Whether a running handler answers for the context that owns {@code socket}. */
  public static boolean runningFor(ZMQ.Socket socket) {
    return RUNNING.containsKey(socket.base().getCtx());
  }

  /** Handshakes admitted so far. */
  public long admittedCount() {
    return admitted.get();
  }

  /** Handshakes denied so far. */
  public long deniedCount() {
    return denied.get();
  }

  // The handler's sockets and poller are created, used and left on this thread only.
  private void run() {
    ZMQ.Poller poller;
    try {
      zap = zctx.createSocket(SocketType.REP);
      zap.setLinger(0);
      if (!zap.bind(ZAP_ENDPOINT)) {
        throw new IllegalStateException("this context already has a ZAP handler");
      }
      ctx = zap.base().getCtx();
      ZMQ.Socket control = zctx.createSocket(SocketType.PAIR);
      control.bind(pipe);
      poller = zctx.createPoller(2);
      poller.register(zap, ZMQ.Poller.POLLIN);
      poller.register(control, ZMQ.Poller.POLLIN);
    } catch (RuntimeException e) {
      startFailure =
          e instanceof org.zeromq.ZMQException
              ? new IllegalStateException("cannot bind " + ZAP_ENDPOINT + ": " + e.getMessage())
              : e;
      bound.countDown();
      return;
    }
    bound.countDown();
    try {
      while (!Thread.currentThread().isInterrupted()) {
        // A finite wait and a drain of every waiting request: jeromq's readiness signal is
        // edge-triggered and can be consumed while we send a reply, which would leave the next
        // request (and its client's handshake) waiting for an unrelated event.
        if (poller.poll(100) < 0 || poller.pollin(1)) {
          return;
        }
        while (answerWaiting()) {
          // answered one request; look for the next
        }
      }
    } catch (org.zeromq.ZMQException e) {
      LOG.debug("ZAP handler ends: {}", e.getMessage());
    } finally {
      RUNNING.remove(ctx, this);
      poller.close();
    }
  }

  /** Answers one waiting ZAP request; false when none is waiting. */
  private boolean answerWaiting() {
    byte[] first = zap.recv(ZMQ.DONTWAIT);
    if (first == null) {
      return false;
    }
    List<byte[]> frames = new ArrayList<>();
    frames.add(first);
    while (zap.hasReceiveMore()) {
      frames.add(zap.recv());
    }
    String version = frames.size() > 0 ? new String(frames.get(0), ZMQ.CHARSET) : "";
    byte[] requestId = frames.size() > 1 ? frames.get(1) : new byte[0];
    Admission verdict;
    String status;
    if (!"1.0".equals(version) || frames.size() < 6) {
      verdict = Admission.deny("malformed ZAP request");
      status = "500";
    } else {
      verdict = decide(frames);
      status = verdict.admitted() ? "200" : "400";
    }
    (verdict.admitted() ? admitted : denied).incrementAndGet();
    zap.sendMore("1.0");
    zap.sendMore(requestId);
    zap.sendMore(status);
    zap.sendMore(verdict.reason());
    zap.sendMore(verdict.userId());
    zap.send(new byte[0]);
    return true;
  }

  private Admission decide(List<byte[]> f) {
    String domain = new String(f.get(2), ZMQ.CHARSET);
    String address = new String(f.get(3), ZMQ.CHARSET);
    String mechanism = new String(f.get(5), ZMQ.CHARSET);
    if (!"CURVE".equals(mechanism) || f.size() != 7 || f.get(6).length != 32) {
      return Admission.deny("only CURVE is admitted, not " + mechanism);
    }
    TrustRole role = CurveSecurity.roleOfDomain(domain).orElse(null);
    if (role == null) {
      return Admission.deny("unknown ZAP domain '" + domain + "'");
    }
    try {
      Admission a = store.admit(f.get(6), role, address);
      LOG.debug(
          "ZAP {} {} from {} on {}: {}",
          a.admitted() ? "admits" : "denies",
          Fingerprint.of(f.get(6)),
          address,
          domain,
          a.reason());
      return a;
    } catch (RuntimeException e) {
      // A broken trust store must deny, never admit.
      LOG.error("ZAP handler cannot decide, denying: {}", e.getMessage());
      return Admission.deny("trust store error");
    }
  }

  /**
   * Stops answering. The ZAP endpoint stays bound until the context closes, so handshakes still
   * under way wait rather than pass unauthenticated.
   */
  @Override
  public void close() {
    if (thread.isAlive()) {
      RUNNING.remove(ctx, this);
      stopper.send("stop");
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
