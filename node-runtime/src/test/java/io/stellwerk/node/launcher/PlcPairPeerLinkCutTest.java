package io.stellwerk.node.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stellwerk.node.topology.Topology;
import io.stellwerk.node.topology.TopologyLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Only the peer link of a pair at the PLC is cut, inside a network namespace of its own that holds
 * the PLC simulator and both peers: blackhole rules drop every packet to either peer-link port,
 * while both peers still reach the PLC. The passive sees the active's life sign moving, raises an
 * alarm and does not take over; the PLC keeps one writer. The namespace is invisible to the test's
 * own network, so what happens is read from the stations' logs and the PLC's write log. Needs root
 * (CI runs as root).
 */
@Timeout(180)
class PlcPairPeerLinkCutTest {

  static final String PRIMARY = "127.0.100.1";
  static final String BACKUP = "127.0.100.2";

  @TempDir Path work;
  private NetNamespace ns;
  private LocalFederation fed;
  private PlcSimProcess plc;

  @BeforeEach
  void start() throws Exception {
    ns = NetNamespace.create("plccut");
    Path file = work.resolve("plc-pair.yaml");
    Files.writeString(file, PlcPairProcessTest.TREE);
    Topology topology = TopologyLoader.load(file).valid().orElseThrow();
    plc =
        PlcSimProcess.start(
            work.resolve("plc"), PlcPairProcessTest.PLC, PlcPairProcessTest.PLC_PORT, ns.exec());
    await("plc-sim listens").atMost(Duration.ofSeconds(30)).until(plc::listening);
    fed =
        LocalFederation.insecure(
            file, topology, work.resolve("run"), List.of("--log-level", "warn"), ns.exec());
    fed.startAll();
  }

  @AfterEach
  void stop() throws Exception {
    if (System.getenv("KEEP_LOGS") != null) {
      new ProcessBuilder("cp", "-r", work.toString(), System.getenv("KEEP_LOGS")).start().waitFor();
    }
    if (fed != null) {
      fed.close();
    }
    if (plc != null) {
      plc.close();
    }
    if (ns != null) {
      ns.close();
    }
  }

  private String log(String station) throws IOException {
    Path f = work.resolve("run").resolve(station.replace('[', '_').replace("]", "") + ".log");
    return Files.exists(f) ? Files.readString(f, StandardCharsets.UTF_8) : "";
  }

  private long lifeSignWrites(String from) throws IOException {
    return plc.writes().stream()
        .filter(w -> w.register() == 100 && w.address().equals(from))
        .count();
  }

  private void cut(boolean cut) throws Exception {
    for (String peer : List.of(PRIMARY, BACKUP)) {
      ns.cut(cut, peer, 7103);
    }
  }

  @Test
  void aCutPeerLinkWithAMovingLifeSignRaisesAnAlarmAndNeverASecondWriter() throws Exception {
    await("healthy start: primary active, backup passive")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () ->
                log("section[primary]").contains("became active")
                    && log("section[backup]").contains("-> passive"));
    await("the primary writes the life sign")
        .atMost(Duration.ofSeconds(10))
        .until(() -> lifeSignWrites(PRIMARY) >= 5);

    cut(true);
    await("the passive raises the alarm: link lost, life sign moving")
        .atMost(Duration.ofSeconds(15))
        .until(() -> log("section[backup]").contains("lost but the PLC life sign is moving"));
    await("the active notices its peer lost")
        .atMost(Duration.ofSeconds(15))
        .until(() -> log("section[primary]").contains("peer section[backup] lost"));
    long before = lifeSignWrites(PRIMARY);
    await("no takeover while the life sign moves")
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(5))
        .until(() -> !log("section[backup]").contains("became active"));
    assertThat(lifeSignWrites(PRIMARY)).as("the active kept writing").isGreaterThan(before + 10);
    assertThat(plc.writerSequence()).containsExactly(PRIMARY);

    cut(false);
    await("the peers see each other again")
        .atMost(Duration.ofSeconds(20))
        .until(() -> log("section[backup]").contains("peer section[primary] seen"));
    assertThat(log("section[backup]")).doesNotContain("became active");
    assertThat(plc.writerSequence()).containsExactly(PRIMARY);
  }
}
