package io.stellwerk.security.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.stellwerk.node.federation.NodeConfig;
import io.stellwerk.node.federation.NodeRuntime;
import io.stellwerk.node.management.ManagementClient;
import io.stellwerk.node.security.Bundles;
import io.stellwerk.node.security.CurveCert;
import io.stellwerk.node.security.KeyFiles;
import io.stellwerk.node.security.NodeSecurity;
import io.stellwerk.node.security.TrustJson;
import io.stellwerk.node.security.TrustRole;
import io.stellwerk.node.security.Workstation;
import io.stellwerk.node.topology.EndpointPlan;
import io.stellwerk.node.topology.HostMapping;
import io.stellwerk.node.topology.StationId;
import io.stellwerk.node.topology.Topology;
import io.stellwerk.security.Topologies;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The remote trust service against a real station running in this JVM with its bundle: CURVE
 * management socket, ZAP handler, trust store on disk. A second engineering laptop knocks with its
 * own key, appears as pending, is accepted from the workbench's side and then gets answers.
 */
class RemoteTrustServiceTest {

  private static final StationId ROOT = StationId.single("root");
  private static final String STATUS = "{\"op\":\"status\"}";

  @TempDir Path tmp;
  private NodeRuntime node;
  private RemoteTrustService service;

  @AfterEach
  void stop() {
    if (service != null) {
      service.close();
    }
    if (node != null) {
      node.close();
    }
  }

  private Topology startSecured(Path keys) throws Exception {
    Path file = Topologies.write(tmp, Topologies.ONE_STATION);
    Topology t = Topologies.read(file);
    KeyGeneration.run(t, file, keys, "engineering", false, Bundles.Progress.NONE);
    node =
        NodeRuntime.start(
            NodeConfig.of(t, ROOT, HostMapping.identity(), null)
                .withSecurity(
                    NodeSecurity.load(
                        keys.resolve("bundles").resolve(KeyFiles.fileBase(ROOT)), ROOT)));
    return t;
  }

  private static Optional<TrustJson.Row> find(RemoteTrustService s, CurveCert c) {
    return s.list().stream()
        .filter(r -> r.fingerprint().equals(c.fingerprint().toString()))
        .findFirst();
  }

  @Test
  void aKnockingLaptopIsPendingRemotelyIsAnsweredOnceAcceptedAndDeniedOnceRevoked()
      throws Exception {
    Path keys = tmp.resolve("keys");
    Topology t = startSecured(keys);
    service = RemoteTrustService.connect(t, ROOT, HostMapping.local(t), keys, "engineering");
    String endpoint = new EndpointPlan(t, HostMapping.identity()).management(ROOT).uri();

    // The bundle trusts the engineering workstation, which is what this service talks with.
    assertThat(service.describe()).isEqualTo("root at " + endpoint);
    assertThat(service.list())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.identity()).isEqualTo("workstation:engineering");
              assertThat(r.state()).isEqualTo("accepted");
            });

    // A new laptop with its own key knows the station's key but is not trusted yet.
    byte[] rootKey = Workstation.load(keys, "engineering").keyOf(ROOT).orElseThrow();
    try (Laptop laptop = new Laptop(endpoint, rootKey)) {
      CurveCert laptopKey = laptop.key;
      // The knock is recorded when the station's ZAP handler sees the handshake, which is
      // pure-Java CURVE and can take seconds on a loaded machine: a question closes its socket
      // after its wait, so the laptop keeps asking (as a real client retries) until it shows up.
      TrustJson.Row pending =
          await("the laptop's knock is recorded")
              .atMost(Duration.ofSeconds(60))
              .pollInterval(Duration.ofMillis(100))
              .until(
                  () -> {
                    assertThat(laptop.ask(STATUS, Duration.ofSeconds(2))).isEmpty();
                    return find(service, laptopKey);
                  },
                  Optional::isPresent)
              .orElseThrow();
      assertThat(pending.state()).isEqualTo("pending");
      assertThat(pending.requested()).isEqualTo("workstation");
      assertThat(pending.source()).startsWith("127.0.0.1");
      assertThat(laptop.ask(STATUS, Duration.ofSeconds(1))).isEmpty();

      // Accepted by a unique prefix, as an officer types it.
      String prefix = laptopKey.fingerprint().toString().substring(0, "SHA256:".length() + 10);
      TrustJson.Row accepted =
          service.accept(prefix, "workstation:laptop", TrustRole.WORKSTATION, false);

      assertThat(accepted.state()).isEqualTo("accepted");
      assertThat(find(service, laptopKey).orElseThrow().state()).isEqualTo("accepted");
      await("the accepted laptop is answered")
          .atMost(Duration.ofSeconds(20))
          .until(() -> laptop.ask(STATUS, Duration.ofSeconds(2)), Optional::isPresent);

      TrustJson.Row revoked = service.revoke(laptopKey.fingerprint().toString());

      assertThat(revoked.state()).isEqualTo("rejected");
      assertThat(revoked.note()).isEqualTo("revoked");
      assertThat(find(service, laptopKey).orElseThrow().state()).isEqualTo("rejected");
      for (int i = 0; i < 3; i++) {
        assertThat(laptop.ask(STATUS, Duration.ofSeconds(1))).isEmpty();
      }
    }
  }

  @Test
  @Timeout(120)
  void aWorkstationTheStationDoesNotTrustGetsAnErrorInsteadOfWaitingForever() throws Exception {
    Path keys = tmp.resolve("keys");
    Topology t = startSecured(keys);
    service = RemoteTrustService.connect(t, ROOT, HostMapping.identity(), keys, "engineering");
    String endpoint = new EndpointPlan(t, HostMapping.identity()).management(ROOT).uri();
    byte[] rootKey = Workstation.load(keys, "engineering").keyOf(ROOT).orElseThrow();
    CurveCert strangerKey = CurveCert.generate(Map.of("name", "stranger"), false);
    Workstation stranger = new Workstation("stranger", strangerKey, Map.of("root", rootKey));

    try (RemoteTrustService denied =
        new RemoteTrustService(
            () -> new ManagementClient(stranger), endpoint, "root", Duration.ofSeconds(2))) {
      // ManagementClient blocks in send once ZAP refused it; without the service's guard this
      // test ends at its @Timeout. Either way out (guard or the client's own timeout) is one line.
      for (int i = 0; i < 2; i++) {
        assertThatThrownBy(denied::list)
            .isInstanceOf(TrustServiceException.class)
            .hasMessageStartingWith("root: no answer from ");
      }
      // Its knock is recorded once the station's ZAP handler has seen a handshake; on a loaded
      // machine that may take longer than the questions above waited, so it keeps asking.
      TrustJson.Row knock =
          await("the stranger's knock is recorded")
              .atMost(Duration.ofSeconds(60))
              .pollInterval(Duration.ofMillis(100))
              .until(
                  () -> {
                    assertThatThrownBy(denied::list).isInstanceOf(TrustServiceException.class);
                    return find(service, strangerKey);
                  },
                  Optional::isPresent)
              .orElseThrow();
      assertThat(knock.state()).isEqualTo("pending");
    }
  }

  @Test
  void aDecisionTheStationRefusesIsItsOneLine() throws Exception {
    Path keys = tmp.resolve("keys");
    Topology t = startSecured(keys);
    service = RemoteTrustService.connect(t, ROOT, HostMapping.identity(), keys, "engineering");

    assertThatThrownBy(() -> service.reject("SHA256:AAAAAAAAAAAA"))
        .isInstanceOf(TrustServiceException.class)
        .hasMessageStartingWith("root: no key SHA256:AAAAAAAAAAAA in trust store ");
    String own = service.list().get(0).fingerprint();
    assertThatThrownBy(() -> service.reject(own))
        .hasMessage("root: " + own + " is accepted: revoke it instead");
  }

  @Test
  void aStationRunningInsecureSaysItHasNoTrustStore() throws Exception {
    Path file = Topologies.write(tmp, Topologies.ONE_STATION.replace("127.0.111.1", "127.0.111.2"));
    Topology t = Topologies.read(file);
    node = NodeRuntime.start(NodeConfig.of(t, ROOT, HostMapping.identity(), null));
    service = RemoteTrustService.connect(t, ROOT, HostMapping.identity(), null, "engineering");

    assertThatThrownBy(() -> service.list())
        .isInstanceOf(TrustServiceException.class)
        .hasMessage("root: root runs without security (--insecure): it has no trust store");
  }

  @Test
  void aKeyDirectoryWithoutTheWorkstationIsOneLineBeforeAnythingIsSent() {
    Topology t =
        io.stellwerk.node.topology.TopologyLoader.parse("t.yaml", Topologies.ONE_STATION)
            .topology();

    assertThatThrownBy(
            () -> RemoteTrustService.connect(t, ROOT, HostMapping.identity(), tmp, "engineering"))
        .isInstanceOf(TrustServiceException.class)
        .hasMessageStartingWith("no workstation key: " + tmp.resolve("workstations"));
  }
}
