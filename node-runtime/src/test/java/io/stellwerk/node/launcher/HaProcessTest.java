package io.stellwerk.node.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
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
 * A root pair as real processes: kill -9 the active while a section writes at a steady rate, and
 * freeze it (SIGSTOP) past the deadline, then thaw it (SIGCONT).
 */
@Timeout(180)
class HaProcessTest {

  static final String TREE =
      """
      federation: ha-proc
      defaults: {heartbeat: 100ms, missed-beats: 4}
      root:
        id: root
        pair:
          primary: {host: 127.0.71.1, port: 7100}
          backup: {host: 127.0.71.2, port: 7100}
        children:
          - id: root.s1
            host: 127.0.71.3
            port: 7100
          - id: root.s2
            host: 127.0.71.4
            port: 7100
      """;

  @TempDir Path work;
  private LocalFederation fed;
  private StationProbe probe;
  private Topology topology;

  @BeforeEach
  void start() throws Exception {
    Path file = work.resolve("ha.yaml");
    Files.writeString(file, TREE);
    topology = TopologyLoader.load(file).valid().orElseThrow();
    fed =
        LocalFederation.insecure(
            file, topology, work.resolve("run"), List.of("--log-level", "warn"));
    probe = new StationProbe(topology, true);
    fed.startAll();
    await("healthy start: primary active, backup passive")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () ->
                haState("root[primary]").equals("active")
                    && haState("root[backup]").equals("passive"));
    await("the sections follow the active")
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                activeSeenBy("root.s1").equals("root[primary]")
                    && activeSeenBy("root.s2").equals("root[primary]"));
  }

  @AfterEach
  void stop() {
    probe.close();
    fed.close();
  }

  private JsonNode ask(String station, String json) {
    return probe
        .ask(StationId.parse(station).orElseThrow(), json, Duration.ofSeconds(1))
        .orElse(null);
  }

  private String haState(String station) {
    JsonNode s = ask(station, "{\"op\":\"status\"}");
    return s == null ? "down" : s.path("ha").path("state").asText();
  }

  private String activeSeenBy(String station) {
    JsonNode e = ask(station, "{\"op\":\"get\",\"key\":\"root/ha/active\"}");
    return e == null ? "none" : e.path("value").asText();
  }

  private Map<String, String> versions(String station, String prefix) {
    JsonNode r = ask(station, "{\"op\":\"keys\",\"prefix\":\"" + prefix + "\",\"limit\":100000}");
    Map<String, String> out = new HashMap<>();
    if (r != null) {
      r.path("entries").forEach(e -> out.put(e.path("key").asText(), e.path("version").asText()));
    }
    return out;
  }

  @Test
  void killingTheActiveUnderLoadFailsOverAndLosesNoUpdate() throws Exception {
    assertThat(ask("root.s1", "{\"op\":\"load\",\"rate\":2000,\"keys\":200,\"durationMs\":6000}"))
        .isNotNull();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> versions("root[primary]", "root.s1/bench/").size() == 200);

    fed.kill("root[primary]");
    await("the passive takes over")
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> haState("root[backup]").equals("active"));
    await("the sections follow the new active")
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                activeSeenBy("root.s1").equals("root[backup]")
                    && activeSeenBy("root.s2").equals("root[backup]"));

    long[] last = {-1};
    await("the load runs out: the section's write count stops moving")
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              JsonNode answer = ask("root.s1", "{\"op\":\"probe\"}");
              long now = answer == null ? -1 : answer.path("written").asLong();
              boolean stable = now == last[0] && now > 10_000;
              last[0] = now;
              return stable;
            });
    Map<String, String> atOwner = versions("root.s1", "root.s1/bench/");
    await("every update the section applied is in the new active's replica")
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                versions("root[backup]", "root.s1/bench/").equals(atOwner)
                    && versions("root.s2", "root.s1/bench/").equals(atOwner));
    JsonNode owner = ask("root.s1", "{\"op\":\"status\"}");
    JsonNode root = ask("root[backup]", "{\"op\":\"status\"}");
    assertThat(root.path("versions").path("root.s1").asText())
        .isEqualTo(owner.path("versions").path("root.s1").asText());
  }

  @Test
  void aFrozenActiveIsReplacedAndStepsDownWhenItThaws() throws Exception {
    fed.signal("root[primary]", "STOP");
    try {
      await("the passive takes over from the frozen active")
          .atMost(Duration.ofSeconds(10))
          .pollInterval(Duration.ofMillis(50))
          .until(() -> haState("root[backup]").equals("active"));
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> activeSeenBy("root.s1").equals("root[backup]"));
    } finally {
      fed.signal("root[primary]", "CONT");
    }
    await("the thawed old active steps down")
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> haState("root[primary]").equals("passive"));
    assertThat(haState("root[backup]")).isEqualTo("active");
    assertThat(activeSeenBy("root.s1")).isEqualTo("root[backup]");
    assertThat(activeSeenBy("root.s2")).isEqualTo("root[backup]");
    JsonNode alarm = ask("root[primary]", "{\"op\":\"get\",\"key\":\"root[primary]/ha/alarm\"}");
    assertThat(alarm.path("value").asText()).contains("stepped down");
  }
}
