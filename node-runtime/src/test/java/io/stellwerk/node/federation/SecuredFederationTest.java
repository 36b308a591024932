package io.stellwerk.node.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.stellwerk.node.dim.Value;
import io.stellwerk.node.dim.VersionVector;
import io.stellwerk.node.management.ManagementClient;
import io.stellwerk.node.management.ManagementFrame;
import io.stellwerk.node.security.CertFiles;
import io.stellwerk.node.security.CurveCert;
import io.stellwerk.node.security.CurveSecurity;
import io.stellwerk.node.security.KeyFiles;
import io.stellwerk.node.security.StationInit;
import io.stellwerk.node.security.TrustEntry;
import io.stellwerk.node.security.TrustState;
import io.stellwerk.node.security.TrustStore;
import io.stellwerk.node.security.Workstation;
import io.stellwerk.node.topology.EndpointPlan;
import io.stellwerk.node.topology.HostMapping;
import io.stellwerk.node.topology.SocketRole;
import io.stellwerk.node.topology.StationId;
import io.stellwerk.node.wire.Codec;
import io.stellwerk.node.wire.Header;
import io.stellwerk.node.wire.MessageType;
import io.stellwerk.node.wire.SyncRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * A secured federation on real CURVE sockets with the ZAP handler: what strangers get (nothing),
 * how an accepted key comes in and a revoked one is cut, and that a child's key cannot speak as its
 * sibling.
 */
@Timeout(120)
class SecuredFederationTest {

  static final String TREE =
      """
      federation: sec
      defaults: {heartbeat: 50ms, missed-beats: 4}
      root:
        id: root
        host: 127.0.68.1
        port: 7100
        children:
          - id: root.s1
            host: 127.0.68.2
            port: 7100
          - id: root.s2
            host: 127.0.68.3
            port: 7100
      """;

  private static final Duration NOTHING = Duration.ofMillis(1500);

  @TempDir Path keys;
  private Cluster cluster;
  private final ZContext zctx = new ZContext();
  private EndpointPlan plan;

  @BeforeEach
  void start() {
    cluster = new Cluster(TREE).secured(keys);
    plan = new EndpointPlan(cluster.topology, HostMapping.identity());
    cluster.startAll();
    cluster.get("root.s1").write("root.s1/level", Value.of(1.5));
    await("secured links replicate")
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                cluster.get("root").get("root.s1/level").isPresent()
                    && cluster.get("root.s2").get("root.s1/level").isPresent());
  }

  @AfterEach
  void stop() {
    zctx.close();
    cluster.close();
  }

  private String mgmt(String station) {
    return plan.management(StationId.parse(station).orElseThrow()).uri();
  }

  private byte[] publicKeyOf(String station) {
    return cluster.workstation().keyOf(StationId.parse(station).orElseThrow()).orElseThrow();
  }

  private TrustStore rootTrust() {
    return TrustStore.open(cluster.bundle("root").resolve("trust"));
  }

  /** A management client with a key of its own that no station knows. */
  private static Workstation stranger(String name, Map<String, byte[]> serverKeys) {
    CurveCert cert = CurveCert.generate(Map.of("name", name), false);
    return new Workstation(name, cert, serverKeys);
  }

  /** A request that is expected to be answered (a first CURVE handshake can take seconds). */
  private static JsonNode ask(Workstation ws, String endpoint, String json) {
    try (ManagementClient c = new ManagementClient(ws)) {
      return c.request(endpoint, "root", json, Duration.ofSeconds(15));
    }
  }

  @Test
  void aBurstOfUpdatesCrossesTheSecuredLinksCompletely() {
    NodeRuntime s1 = cluster.get("root.s1");
    for (int i = 0; i < 20_000; i++) {
      s1.write("root.s1/burst/k" + (i % 5000), Value.of((long) i));
    }
    await("the last version of every key reaches the root and the sibling")
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                cluster
                            .get("root")
                            .get("root.s1/burst/k4999")
                            .map(e -> e.value().asLong())
                            .orElse(-1L)
                        == 19_999L
                    && cluster
                            .get("root.s2")
                            .get("root.s1/burst/k4999")
                            .map(e -> e.value().asLong())
                            .orElse(-1L)
                        == 19_999L);
    assertThat(cluster.get("root").digest()).isEqualTo(s1.digest());
  }

  @Test
  void theEngineeringWorkstationIsAnswered() {
    JsonNode status = ask(cluster.workstation(), mgmt("root"), "{\"op\":\"status\"}");
    assertThat(status.path("station").asText()).isEqualTo("root");
  }

  @Test
  void aPlainTextClientGetsNothingAndTheNodeKeepsRunning() {
    ZMQ.Socket plain = zctx.createSocket(SocketType.DEALER);
    plain.setLinger(0);
    plain.connect(mgmt("root"));
    // Without DONTWAIT a send may wait forever for a connection the server never completes.
    plain.send(ManagementFrame.encode("1", "{\"op\":\"status\"}"), ZMQ.DONTWAIT);
    plain.setReceiveTimeOut((int) NOTHING.toMillis());
    assertThat(plain.recv(0)).as("no answer to a client without CURVE").isNull();

    cluster.get("root.s1").write("root.s1/level", Value.of(2.5));
    await("the node keeps replicating")
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                cluster
                    .get("root")
                    .get("root.s1/level")
                    .map(e -> e.value().equals(Value.of(2.5)))
                    .orElse(false));
  }

  @Test
  void aClientExpectingTheWrongServerKeyGetsNothing() {
    Workstation real = cluster.workstation();
    Workstation wrongServer =
        new Workstation(real.name(), real.cert(), Map.of("root", publicKeyOf("root.s1")));
    assertThatThrownBy(
            () -> {
              try (ManagementClient c = new ManagementClient(wrongServer)) {
                c.request(mgmt("root"), "root", "{\"op\":\"status\"}", NOTHING);
              }
            })
        .isInstanceOf(ManagementClient.ManagementException.class)
        .hasMessageContaining("no answer");
  }

  @Test
  void anUnknownKeyIsPendingThenAdmittedWhenAcceptedAndCutWhenRevoked() {
    Workstation laptop = stranger("laptop2", Map.of("root", publicKeyOf("root")));
    String fp = laptop.cert().fingerprint().toString();
    try (ManagementClient c = new ManagementClient(laptop)) {
      // The knock is recorded when the root's ZAP handler sees the handshake, which is
      // pure-Java CURVE and may outlast one question on a loaded machine: keep asking.
      Optional<TrustEntry> pending =
          await("the unknown key's knock is recorded")
              .atMost(Duration.ofSeconds(60))
              .pollInterval(Duration.ofMillis(100))
              .until(
                  () -> {
                    assertThatThrownBy(
                            () -> c.request(mgmt("root"), "root", "{\"op\":\"status\"}", NOTHING))
                        .hasMessageContaining("no answer");
                    return rootTrust().list().stream()
                        .filter(e -> e.fingerprint().toString().equals(fp))
                        .findFirst();
                  },
                  Optional::isPresent);
      assertThat(pending.get().state()).isEqualTo(TrustState.PENDING);
      assertThat(pending.get().source()).contains("127.0.");

      JsonNode accepted =
          ask(
              cluster.workstation(),
              mgmt("root"),
              "{\"op\":\"trust.accept\",\"fingerprint\":\""
                  + fp
                  + "\",\"identity\":\"workstation:laptop2\",\"role\":\"workstation\"}");
      assertThat(accepted.path("entry").path("state").asText()).isEqualTo("accepted");
      JsonNode status =
          c.request(mgmt("root"), "root", "{\"op\":\"status\"}", Duration.ofSeconds(10));
      assertThat(status.path("station").asText()).isEqualTo("root");

      ask(
          cluster.workstation(),
          mgmt("root"),
          "{\"op\":\"trust.revoke\",\"fingerprint\":\"" + fp + "\"}");
      // The cut runs in the station's loop right after the revoke's answer has gone out, so a
      // request sent at once may still be answered: ask until one goes unanswered, and check that
      // the last answer came within a second of the revoke (the bound).
      long revoked = System.nanoTime();
      long[] lastAnswered = {revoked};
      await("the revoked key's live connection is cut")
          .atMost(Duration.ofSeconds(10))
          .pollInterval(Duration.ofMillis(10))
          .until(
              () -> {
                try {
                  c.request(mgmt("root"), "root", "{\"op\":\"status\"}", Duration.ofMillis(500));
                  lastAnswered[0] = System.nanoTime();
                  return false;
                } catch (ManagementClient.ManagementException e) {
                  assertThat(e).hasMessageContaining("no answer");
                  return true;
                }
              });
      assertThat(Duration.ofNanos(lastAnswered[0] - revoked))
          .as("answered after the revoke for")
          .isLessThan(Duration.ofSeconds(1));
    }
    // The engineering workstation, still accepted, reconnects after the rebind.
    JsonNode again =
        new ManagementClient(cluster.workstation())
            .request(mgmt("root"), "root", "{\"op\":\"status\"}", Duration.ofSeconds(10));
    assertThat(again.path("station").asText()).isEqualTo("root");
  }

  @Test
  void aStationWithItsOwnNewKeyKnocksIsPendingAndJoinsOnceAccepted() {
    // root.s2 is rebuilt: its old key is retired at the parent, the new box makes its own key.
    cluster.stop("root.s2");
    String oldFp = rootTrust().accepted("root.s2").orElseThrow().fingerprint().toString();
    ask(
        cluster.workstation(),
        mgmt("root"),
        "{\"op\":\"trust.revoke\",\"fingerprint\":\"" + oldFp + "\"}");
    Path fresh = keys.resolve("rebuilt-s2");
    CurveCert own =
        StationInit.init(
            cluster.topology,
            StationId.parse("root.s2").orElseThrow(),
            fresh,
            List.of(keys.resolve("stations").resolve("root")),
            cluster.bundle("root").resolve("signers"),
            false);
    String fp = own.fingerprint().toString();
    NodeRuntime s2 = cluster.startWith("root.s2", fresh);

    await("the new key knocks and is pending at the parent")
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                rootTrust()
                    .get(own.fingerprint())
                    .map(e -> e.state() == TrustState.PENDING)
                    .orElse(false));
    assertThat(s2.get("root.s1/level")).as("nothing reaches a pending station").isEmpty();

    // Counted before the accept: once admitted, the first refused batch can arrive at once.
    long forgedBefore = cluster.get("root").counter("droppedForged");
    ask(
        cluster.workstation(),
        mgmt("root"),
        "{\"op\":\"trust.accept\",\"fingerprint\":\""
            + fp
            + "\",\"identity\":\"root.s2\",\"role\":\"child\"}");
    s2.write("root.s2/rebuilt", Value.of(true));
    // A refused client reconnects only when its link recreates its sockets, which backs off up
    // to 4 s while refused; each pure-Java CURVE handshake takes seconds on a loaded machine.
    // Admitted, its batches still carry a signature no other station can check: the parent holds
    // the old box's signing key, so it drops them and counts them as forged.
    await("the rebuilt station's batches are refused while its signing key is unknown")
        .atMost(Duration.ofSeconds(60))
        .until(() -> cluster.get("root").counter("droppedForged") > forgedBefore);
    assertThat(cluster.get("root").get("root.s2/rebuilt")).isEmpty();

    // The engineer installs its public certificate as a signer on the other stations; they pick
    // it up without a restart and run new exchanges, so what was refused arrives now.
    for (String station : List.of("root", "root.s1")) {
      CertFiles.write(
          KeyFiles.publicFile(
              cluster.bundle(station).resolve("signers"), StationId.parse("root.s2").orElseThrow()),
          own.publicOnly());
    }
    await("once accepted it syncs both ways")
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                s2.get("root.s1/level").isPresent()
                    && cluster.get("root").get("root.s2/rebuilt").isPresent());
  }

  @Test
  void aChildKeyPosingAsItsSiblingIsDroppedAndCounted() throws Exception {
    long before = cluster.get("root").counter("droppedUnauthorised");
    CurveCert s1 =
        KeyFiles.loadStationKeys(
                cluster.bundle("root.s1").resolve("keys"), StationId.parse("root.s1").orElseThrow())
            .cert();
    byte[] message =
        Codec.message(
            new Header(MessageType.SYNC_REQUEST, "root.s2", 42L, 0),
            Codec.syncRequest(new SyncRequest(7, false, new VersionVector())));
    ZMQ.Socket[] poser = {poser(s1)};
    long[] sent = {0};
    await("the poser's messages are dropped as unauthorised")
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              // Never block: until its CURVE handshake completes the socket has no pipe. A
              // connection that stays silent is replaced, as every client here does.
              if (++sent[0] % 20 == 0) {
                zctx.destroySocket(poser[0]);
                poser[0] = poser(s1);
              }
              poser[0].send(message, ZMQ.DONTWAIT);
              return cluster.get("root").counter("droppedUnauthorised") > before;
            });
    poser[0].setReceiveTimeOut((int) NOTHING.toMillis());
    assertThat(poser[0].recv(0)).as("no sync reply to a poser").isNull();
  }

  /** A DEALER with root.s1's key that claims root.s2's routing identity at the south ROUTER. */
  private ZMQ.Socket poser(CurveCert s1) {
    ZMQ.Socket s = zctx.createSocket(SocketType.DEALER);
    s.setLinger(0);
    s.setIdentity("root.s2".getBytes(StandardCharsets.UTF_8));
    CurveSecurity.client(s, s1, publicKeyOf("root"));
    s.connect(plan.bound(StationId.parse("root").orElseThrow(), SocketRole.SOUTH_ROUTER).uri());
    return s;
  }
}
