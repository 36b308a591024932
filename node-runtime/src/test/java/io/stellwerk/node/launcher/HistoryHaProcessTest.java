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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A root pair takes a section's history while its active peer is killed in the middle of the delta:
 * the new active's replica is complete, and its journal holds the HA alarms, which can be
 * acknowledged by a routed command.
 */
@Timeout(240)
class HistoryHaProcessTest {

  static final String TREE =
      """
      federation: history-ha
      defaults: {heartbeat: 100ms, missed-beats: 4}
      root:
        id: root
        pair:
          primary: {host: 127.0.92.1, port: 7100}
          backup: {host: 127.0.92.2, port: 7100}
        children:
          - id: root.s1
            host: 127.0.92.3
            port: 7100
      """;

  @TempDir Path work;
  private LocalFederation fed;
  private StationProbe probe;

  @BeforeEach
  void start() throws Exception {
    Path file = work.resolve("ha.yaml");
    Files.writeString(file, TREE);
    Topology topology = TopologyLoader.load(file).valid().orElseThrow();
    fed =
        LocalFederation.insecure(
            file, topology, work.resolve("run"), List.of("--log-level", "warn"));
    probe = new StationProbe(topology, true);
  }

  @AfterEach
  void stop() {
    probe.close();
    fed.close();
  }

  private JsonNode ask(String station, String json) {
    return probe
        .ask(StationId.parse(station).orElseThrow(), json, Duration.ofSeconds(2))
        .orElse(null);
  }

  private long records(String station, String owner) {
    JsonNode s = ask(station, "{\"op\":\"status\"}");
    return s == null ? -1 : s.path("history").path("owners").path(owner).path("records").asLong(0);
  }

  private String haState(String station) {
    JsonNode s = ask(station, "{\"op\":\"status\"}");
    return s == null ? "down" : s.path("ha").path("state").asText();
  }

  private List<JsonNode> journal(String station, String owner) {
    JsonNode r = ask(station, "{\"op\":\"journal\",\"owner\":\"" + owner + "\"}");
    List<JsonNode> out = new ArrayList<>();
    if (r != null) {
      r.path("records").forEach(out::add);
    }
    return out;
  }

  @Test
  void theNewActivesReplicaIsCompleteAfterAFailoverMidDeltaAndItsAlarmsCanBeAcknowledged()
      throws Exception {
    // Large enough that the pair's delta outlasts both peers' start on a fast, quiet machine too
    // (with 150,000 the backup sometimes had everything before the kill).
    long n = 500_000;
    fed.start("root.s1");
    await().atMost(Duration.ofSeconds(30)).until(() -> ask("root.s1", "{\"op\":\"ping\"}") != null);
    assertThat(ask("root.s1", "{\"op\":\"history-fill\",\"records\":" + n + ",\"rate\":0}"))
        .isNotNull();
    await("the section records alone")
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> records("root.s1", "root.s1") == n);

    fed.start("root[primary]");
    fed.start("root[backup]");
    await("healthy start")
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () ->
                haState("root[primary]").equals("active")
                    && haState("root[backup]").equals("passive"));
    await("the delta to the pair is under way")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> records("root[backup]", "root.s1") > 0);
    long before = records("root[backup]", "root.s1");
    fed.kill("root[primary]");
    assertThat(before).isLessThan(n);
    await("the passive takes over")
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> haState("root[backup]").equals("active"));
    await("the new active's replica is complete")
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(250))
        .until(() -> records("root[backup]", "root.s1") == n);

    JsonNode raise =
        journal("root[backup]", "root[backup]").stream()
            .filter(j -> j.path("kind").asText().equals("raise"))
            .filter(j -> j.path("text").asText().contains("became active"))
            .findFirst()
            .orElseThrow();
    String event = raise.path("event").asText();
    String seq = event.substring(event.indexOf('#') + 1);
    // Asked at the section: the ack travels up to the pair's active peer.
    JsonNode reply =
        ask(
            "root.s1",
            "{\"op\":\"command\",\"action\":\"ack\",\"key\":\"root[backup]/journal/"
                + seq
                + "\",\"type\":\"string\",\"value\":\"tester\"}");
    assertThat(reply.path("outcome").asText()).isEqualTo("done");
    await("the acknowledgement is in the journal, with who gave it")
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                journal("root[backup]", "root").stream()
                    .anyMatch(
                        j ->
                            j.path("kind").asText().equals("ack")
                                && j.path("event").asText().equals(event)
                                && j.path("by").asText().equals("tester")));
  }
}
