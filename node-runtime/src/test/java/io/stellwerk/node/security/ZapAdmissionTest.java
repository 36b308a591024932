package io.stellwerk.node.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.stellwerk.node.topology.PeerRole;
import io.stellwerk.node.topology.SocketRole;
import io.stellwerk.node.topology.StationId;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.zeromq.ZContext;

/**
 * Real CURVE sockets on loopback with the ZAP handler in the server's context: who gets through to
 * the south ROUTER of {@code root} and to its management socket, and who is denied and recorded.
 */
@Timeout(60)
class ZapAdmissionTest {

  @TempDir Path tmp;

  private final ZContext serverCtx = new ZContext();
  private final List<AutoCloseable> open = new ArrayList<>();
  private StationKeys root;
  private CurveCert s1;
  private CurveCert s2;
  private TrustStore store;

  @BeforeEach
  void keys() {
    root =
        KeyFiles.loadStationKeys(tmp.resolve("root"), generate("root", StationId.single("root")));
    s1 = fresh("root.s1");
    s2 = fresh("root.s2");
    store = TrustStore.open(tmp.resolve("root/trust"));
    store.trust(s1, "root.s1", TrustRole.CHILD, "bundle");
    store.trust(s2, "root.s2", TrustRole.CHILD, "bundle");
  }

  private StationId generate(String dir, StationId station) {
    KeyFiles.generateStation(tmp.resolve(dir), station, "test", false);
    return station;
  }

  private static CurveCert fresh(String name) {
    return CurveCert.generate(Map.of("name", name), true);
  }

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
    serverCtx.close();
  }

  private ZapHandler zap;

  private ZapHandler handler() {
    zap = ZapHandler.start(serverCtx, store);
    open.add(zap);
    return zap;
  }

  private CurveServer server(SocketRole role) {
    CurveServer s = new CurveServer(serverCtx, role, root, true);
    open.add(0, s);
    return s;
  }

  private CurveClient client(CurveCert key, String routingId, CurveServer server) {
    CurveClient c = new CurveClient(key, root.curvePublic(), routingId, server.endpoint());
    open.add(0, c);
    return c;
  }

  private static ConditionFactory waiting(String what) {
    return await(what).atMost(Duration.ofSeconds(10)).pollInSameThread();
  }

  /**
   * Sends until the text arrives. Like a node, the client recreates its socket when nothing came
   * through for a receive deadline (2 s): under load a first CURVE handshake has been seen to stall
   * here, and a node's deadline logic is what recovers from that in production.
   */
  private static CurveServer.Received receive(CurveServer server, CurveClient client, String text) {
    List<CurveServer.Received> got = new ArrayList<>();
    long[] lastConnect = {System.nanoTime()};
    BooleanSupplier arrived =
        () -> {
          if (System.nanoTime() - lastConnect[0] > 2_000_000_000L) {
            client.reconnect();
            lastConnect[0] = System.nanoTime();
          }
          client.send(text);
          for (CurveServer.Received r; (r = server.poll()) != null; ) {
            if (r.text().equals(text)) {
              got.add(r);
            }
          }
          return !got.isEmpty();
        };
    waiting("'" + text + "' arrives").until(arrived::getAsBoolean);
    return got.get(0);
  }

  /**
   * The ZAP handler has refused {@code denials} handshakes in all, and nothing the client sent
   * arrived. (Counted at the handler: a client's monitor attaches asynchronously and may miss the
   * first event.)
   */
  private void assertNothingArrives(CurveServer server, CurveClient client, int denials) {
    long[] lastConnect = {System.nanoTime()};
    waiting("the ZAP handler has refused " + denials + " handshake(s)")
        .until(
            () -> {
              // As in receive(): a stalled first handshake is recovered by a node's deadline.
              if (System.nanoTime() - lastConnect[0] > 2_000_000_000L) {
                client.reconnect();
                lastConnect[0] = System.nanoTime();
              }
              return zap.deniedCount() >= denials;
            });
    for (CurveServer.Received r; (r = server.poll()) != null; ) {
      assertThat(r.routingId()).isNotEqualTo(client.routingId());
    }
  }

  @Test
  void anAcceptedChildGetsThroughAndCarriesItsIdentityAsUserId() {
    handler();
    CurveServer south = server(SocketRole.SOUTH_ROUTER);
    CurveClient child = client(s1, "root.s1", south);

    CurveServer.Received r = receive(south, child, "hello");

    assertThat(r.userId()).contains("root.s1");
    assertThat(r.sentByRoutingId()).isTrue();
  }

  @Test
  void anUnknownKeyIsDeniedAndRecordedAsPending() {
    handler();
    CurveServer south = server(SocketRole.SOUTH_ROUTER);
    CurveCert stranger = fresh("stranger");
    CurveClient c = client(stranger, "root.s9", south);
    c.send("let me in");

    assertNothingArrives(south, c, 1);
    TrustEntry e = store.get(stranger.fingerprint()).orElseThrow();
    assertThat(e.state()).isEqualTo(TrustState.PENDING);
    assertThat(e.source()).isEqualTo("127.0.0.1");
    assertThat(e.requested()).isEqualTo("child");
    assertThat(e.identity()).isNull();
    assertThat(e.knocks()).isPositive();
  }

  @Test
  void aChildKeyIsDeniedOnTheManagementSocketAndOnThePeerLink() {
    handler();
    CurveServer mgmt = server(SocketRole.MANAGEMENT);
    CurveServer peer = server(SocketRole.PEER_LINK);
    CurveClient onMgmt = client(s1, "root.s1", mgmt);
    CurveClient onPeer = client(s1, "root.s1", peer);
    onMgmt.send("status");
    onPeer.send("i am your peer");

    assertNothingArrives(mgmt, onMgmt, 2);
    assertNothingArrives(peer, onPeer, 2);
    assertThat(store.get(s1.fingerprint()).orElseThrow().state()).isEqualTo(TrustState.ACCEPTED);
  }

  @Test
  void aWorkstationKeyOpensTheManagementSocketButNotTheSouthRouter() {
    CurveCert ws = fresh("eng");
    store.trust(ws, "workstation:eng", TrustRole.WORKSTATION, "bundle");
    handler();
    CurveServer mgmt = server(SocketRole.MANAGEMENT);
    CurveServer south = server(SocketRole.SOUTH_ROUTER);

    assertThat(receive(mgmt, client(ws, "cli-1", mgmt), "status").userId())
        .contains("workstation:eng");
    CurveClient onSouth = client(ws, "root.s1", south);
    onSouth.send("sync");
    assertNothingArrives(south, onSouth, 1);
  }

  @Test
  void aChildPosingAsItsSiblingIsCaughtByItsUserId() {
    handler();
    CurveServer south = server(SocketRole.SOUTH_ROUTER);
    CurveClient impostor = client(s1, "root.s2", south);

    CurveServer.Received r = receive(south, impostor, "i am s2");

    assertThat(r.routingId()).isEqualTo("root.s2");
    assertThat(r.userId()).contains("root.s1");
    assertThat(r.sentByRoutingId()).isFalse();
  }

  @Test
  void aKeyAcceptedWhileTheServerRunsIsAdmittedWithoutRestart() {
    handler();
    CurveServer south = server(SocketRole.SOUTH_ROUTER);
    CurveCert s3 = fresh("root.s3");
    CurveClient c = client(s3, "root.s3", south);
    c.send("knock");
    assertNothingArrives(south, c, 1);

    // Another store instance on the same directory stands for the CLI in another process.
    TrustStore cli = TrustStore.open(store.directory());
    cli.accept(s3.fingerprint(), "root.s3", TrustRole.CHILD, false);
    c.reconnect();

    assertThat(receive(south, c, "now?").userId()).contains("root.s3");
  }

  @Test
  void aRevokedKeyIsNamedForCuttingAndDeniedOnReconnect() {
    handler();
    CurveServer south = server(SocketRole.SOUTH_ROUTER);
    CurveClient child = client(s1, "root.s1", south);
    receive(south, child, "before");

    store.revoke(s1.fingerprint());
    assertThat(store.noLongerAdmitted(TrustRole.CHILD, List.of("root.s1", "root.s2")))
        .containsExactly("root.s1");
    waiting("the south socket is bound again").until(south::rebind);

    CurveClient sibling = client(s2, "root.s2", south);
    assertThat(receive(south, sibling, "still here").userId()).contains("root.s2");
    child.send("after");
    assertNothingArrives(south, child, 1);
  }

  @Test
  void aRebuiltBoxWithANewKeyBecomesConflictUntilTheOldKeyIsReplaced() {
    handler();
    CurveServer south = server(SocketRole.SOUTH_ROUTER);
    CurveCert rebuilt = fresh("root.s1");
    CurveClient c = client(rebuilt, "root.s1", south);
    c.send("i am back");
    assertNothingArrives(south, c, 1);

    TrustEntry claimed = store.accept(rebuilt.fingerprint(), "root.s1", TrustRole.CHILD, false);
    assertThat(claimed.state()).isEqualTo(TrustState.CONFLICT);
    c.reconnect();
    assertNothingArrives(south, c, 2);

    store.accept(rebuilt.fingerprint(), null, null, true);
    c.reconnect();
    assertThat(receive(south, c, "admitted").userId()).contains("root.s1");
    assertThat(store.get(s1.fingerprint()).orElseThrow().state()).isEqualTo(TrustState.REJECTED);
  }

  @Test
  void withoutTheZapHandlerTheSameServerAdmitsAStranger() {
    assertThatThrownBy(() -> server(SocketRole.SOUTH_ROUTER))
        .hasMessageContaining("no ZAP handler");
    CurveServer open = new CurveServer(serverCtx, SocketRole.SOUTH_ROUTER, root, false);
    this.open.add(0, open);

    CurveServer.Received r = receive(open, client(fresh("stranger"), "root.s1", open), "hi");

    assertThat(r.userId()).isEmpty();
    assertThat(store.list()).hasSize(2);
  }

  @Test
  void aPeerOfThePairIsAdmittedOnlyOnThePeerLink() {
    CurveCert backup = fresh("root[backup]");
    store.trust(
        backup, StationId.peer("root", PeerRole.BACKUP).toString(), TrustRole.PEER, "bundle");
    handler();
    CurveServer peer = server(SocketRole.PEER_LINK);
    CurveServer north = server(SocketRole.NORTH_PUB);

    assertThat(receive(peer, client(backup, "root[backup]", peer), "beat").userId())
        .contains("root[backup]");
    CurveClient onNorth = client(backup, "root[backup]", north);
    onNorth.send("x");
    assertNothingArrives(north, onNorth, 1);
  }
}
