package io.stellwerk.node.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stellwerk.node.topology.StationId;
import io.stellwerk.node.topology.Topology;
import io.stellwerk.node.topology.TopologyLoader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** SIGTERM stops a station promptly and releases its ports. */
@Timeout(60)
class CleanStopProcessTest {

  @TempDir Path work;

  @Test
  void sigtermStopsAStationAndFreesItsPorts() throws Exception {
    Path file = work.resolve("one.yaml");
    Files.writeString(
        file, "federation: one\nroot:\n  id: solo\n  host: 127.0.72.1\n  port: 7100\n");
    Topology t = TopologyLoader.load(file).valid().orElseThrow();
    try (LocalFederation fed = LocalFederation.insecure(file, t, work.resolve("run"), List.of());
        StationProbe probe = new StationProbe(t, true)) {
      Process p = fed.start("solo");
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> probe.status(StationId.single("solo"), Duration.ofMillis(500)).isPresent());

      p.destroy(); // SIGTERM
      assertThat(p.waitFor(5, TimeUnit.SECONDS)).as("stopped within 5 s").isTrue();
      try (ServerSocket s = new ServerSocket(7104, 1, InetAddress.getByName("127.0.72.1"))) {
        assertThat(s.isBound()).isTrue();
      }
    }
  }
}
