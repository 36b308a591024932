package io.stellwerk.node.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stellwerk.node.topology.StationId;
import io.stellwerk.node.topology.Topology;
import io.stellwerk.node.topology.TopologyLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real processes, secured with their bundles, real kill -9: with the root dead, the sections keep
 * polling their PLCs and writing their own process image; when the root returns, everything
 * converges and no update an owner applied is missing anywhere.
 */
@Timeout(120)
class AutonomyProcessTest {

  static final String TREE =
      """
      federation: autonomy
      defaults: {heartbeat: 100ms, missed-beats: 5}
      root:
        id: root
        host: 127.0.70.1
        port: 7100
        children:
          - id: root.s1
            host: 127.0.70.2
            port: 7100
            plc: {kind: simulator, rate: 10, fans: 1}
          - id: root.s2
            host: 127.0.70.3
            port: 7100
            plc: {kind: simulator, rate: 10, fans: 1}
      """;

  @TempDir Path work;
  private LocalFederation fed;
  private StationProbe probe;
  private Topology topology;

  @BeforeEach
  void start() throws Exception {
    Path file = work.resolve("autonomy.yaml");
    Files.writeString(file, TREE);
    topology = TopologyLoader.load(file).valid().orElseThrow();
    // Secured, as a site runs: every station process with its bundle, CURVE on every link.
    fed =
        LocalFederation.secured(
            file,
            topology,
            work.resolve("run"),
            work.resolve("keys"),
            List.of("--log-level", "warn"));
    probe = new StationProbe(topology, true, fed.workstation());
    fed.startAll();
    awaitAllLinksLive(Duration.ofSeconds(60));
  }

  @AfterEach
  void stop() {
    probe.close();
    fed.close();
  }

  private void awaitAllLinksLive(Duration within) {
    await("every link live")
        .atMost(within)
        .pollInterval(Duration.ofMillis(200))
        .until(() -> probe.allLinksLive(topology, Duration.ofMillis(500)));
  }

  private long lifeSign(String station, String owner) {
    return probe
        .ask(
            StationId.parse(station).orElseThrow(),
            "{\"op\":\"get\",\"key\":\"" + owner + "/plc/lifesign\"}",
            Duration.ofSeconds(1))
        .map(j -> j.path("value").asLong())
        .orElse(-1L);
  }

  private boolean loading(String station) {
    return probe
        .ask(StationId.parse(station).orElseThrow(), "{\"op\":\"probe\"}", Duration.ofSeconds(3))
        .map(j -> j.path("loading").asBoolean(true))
        .orElse(true);
  }

  private Map<String, String> benchVersions(String station, String owner) {
    String req = "{\"op\":\"keys\",\"prefix\":\"" + owner + "/bench/\",\"limit\":100000}";
    Map<String, String> out = new HashMap<>();
    probe
        .ask(StationId.parse(station).orElseThrow(), req, Duration.ofSeconds(2))
        .ifPresent(
            r ->
                r.path("entries")
                    .forEach(e -> out.put(e.path("key").asText(), e.path("version").asText())));
    return out;
  }

  @Test
  void sectionsRunOnWithoutTheRootAndEverythingConvergesWhenItReturns() throws Exception {
    fed.kill("root");
    long before = lifeSign("root.s1", "root.s1");
    await("s1 keeps polling its PLC while the root is dead")
        .atMost(Duration.ofSeconds(10))
        .until(() -> lifeSign("root.s1", "root.s1") > before + 10);
    probe
        .ask(
            StationId.single("root.s1"),
            "{\"op\":\"load\",\"rate\":2000,\"keys\":300,\"durationMs\":1000}",
            Duration.ofSeconds(10))
        .orElseThrow();
    probe
        .ask(
            StationId.single("root.s2"),
            "{\"op\":\"load\",\"rate\":2000,\"keys\":300,\"durationMs\":1000}",
            Duration.ofSeconds(10))
        .orElseThrow();
    await("both sections wrote their load")
        .atMost(Duration.ofSeconds(15))
        .until(
            () ->
                benchVersions("root.s1", "root.s1").size() == 300
                    && benchVersions("root.s2", "root.s2").size() == 300);
    await("both sections finished their load, so their keys are final")
        .atMost(Duration.ofSeconds(15))
        .until(() -> !loading("root.s1") && !loading("root.s2"));

    fed.start("root");
    awaitAllLinksLive(Duration.ofSeconds(60));

    for (String owner : List.of("root.s1", "root.s2")) {
      Map<String, String> atOwner = benchVersions(owner, owner);
      assertThat(atOwner).hasSize(300);
      for (String station : List.of("root", "root.s1", "root.s2")) {
        await(owner + "'s writes at " + station)
            .atMost(Duration.ofSeconds(10))
            .until(() -> benchVersions(station, owner).equals(atOwner));
      }
    }
    assertThat(lifeSign("root", "root.s1")).isGreaterThan(before + 10);
  }
}
