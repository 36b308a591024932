package io.stellwerk.node.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.stellwerk.node.dim.Entry;
import io.stellwerk.node.dim.Value;
import io.stellwerk.node.management.ManagementClient;
import io.stellwerk.node.topology.EndpointPlan;
import io.stellwerk.node.topology.HostMapping;
import io.stellwerk.node.topology.StationId;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Commands routed along the tree, each with exactly one outcome for its sender. */
@Timeout(60)
class CommandRoutingTest {

  static final String TREE =
      """
      federation: cmds
      defaults: {heartbeat: 50ms, missed-beats: 4}
      root:
        id: root
        host: 127.0.61.1
        port: 7100
        children:
          - id: root.s1
            host: 127.0.61.2
            port: 7100
            children:
              - id: root.s1.p1
                host: 127.0.61.3
                port: 7100
                plc: {kind: simulator, rate: 20, fans: 1}
          - id: root.s2
            host: 127.0.61.4
            port: 7100
      """;

  private final Cluster cluster = new Cluster(TREE);
  private final ManagementClient client = new ManagementClient();

  @BeforeEach
  void startAll() {
    cluster.startAll();
    cluster.get("root.s1.p1").write("root.s1.p1/mode", Value.of("auto"));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> cluster.get("root.s2").get("root.s1.p1/mode").isPresent());
  }

  @AfterEach
  void stop() {
    client.close();
    cluster.close();
  }

  private JsonNode command(String via, String action, String key, String value, long timeoutMs) {
    String json =
        String.format(
            "{\"op\":\"command\",\"action\":\"%s\",\"key\":\"%s\",\"value\":\"%s\",\"timeoutMs\":%d}",
            action, key, value, timeoutMs);
    String endpoint =
        new EndpointPlan(cluster.topology, HostMapping.identity())
            .management(StationId.parse(via).orElseThrow())
            .uri();
    return client.request(endpoint, via, json, Duration.ofMillis(timeoutMs + 2000));
  }

  @Test
  void aValueForcedFromTheRootIsAppliedTwoLevelsDownAndReplicatedBackUp() {
    JsonNode r = command("root", "force", "root.s1.p1/mode", "manual", 3000);

    assertThat(r.path("outcome").asText()).isEqualTo("done");
    Entry atLeaf = cluster.get("root.s1.p1").get("root.s1.p1/mode").orElseThrow();
    assertThat(atLeaf.forced()).isTrue();
    assertThat(atLeaf.value()).isEqualTo(Value.of("manual"));
    await("the forced value is replicated back to the root")
        .atMost(Duration.ofSeconds(5))
        .until(() -> cluster.get("root").get("root.s1.p1/mode").map(Entry::forced).orElse(false));
  }

  @Test
  void aForcedPlcValueIgnoresReadingsUntilReleased() {
    String key = "root.s1.p1/air/co_ppm";
    await().atMost(Duration.ofSeconds(5)).until(() -> cluster.get("root.s2").get(key).isPresent());

    assertThat(command("root.s2", "force", key, "123.5", 3000).path("outcome").asText())
        .isEqualTo("done");
    long lifeSign =
        cluster.get("root.s1.p1").get("root.s1.p1/plc/lifesign").orElseThrow().value().asLong();
    await("the PLC keeps polling")
        .until(
            () ->
                cluster
                        .get("root.s1.p1")
                        .get("root.s1.p1/plc/lifesign")
                        .orElseThrow()
                        .value()
                        .asLong()
                    > lifeSign + 3);
    assertThat(cluster.get("root.s1.p1").get(key).orElseThrow().value()).isEqualTo(Value.of(123.5));

    assertThat(command("root.s2", "release", key, "", 3000).path("outcome").asText())
        .isEqualTo("done");
    assertThat(cluster.get("root.s1.p1").get(key).orElseThrow().forced()).isFalse();
  }

  @Test
  void aPlcWriteFromASiblingSectionReachesThePlc() {
    String key = "root.s1.p1/fan1/setpoint_pct";
    await().atMost(Duration.ofSeconds(5)).until(() -> cluster.get("root.s2").get(key).isPresent());

    assertThat(command("root.s2", "write", key, "77", 3000).path("outcome").asText())
        .isEqualTo("done");

    await("the PLC reports the new setpoint everywhere")
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                cluster
                    .get("root.s2")
                    .get(key)
                    .map(e -> e.value().asDouble() == 77.0)
                    .orElse(false));
  }

  @Test
  void unknownNodeUnknownKeyAndBadTypeAreRejectedWithAReason() {
    assertThat(command("root.s2", "force", "root.s9/x", "1", 3000).path("reason").asText())
        .contains("unknown node root.s9");
    JsonNode unknownKey = command("root.s2", "force", "root.s1.p1/nothing", "1", 3000);
    assertThat(unknownKey.path("outcome").asText()).isEqualTo("rejected");
    assertThat(unknownKey.path("reason").asText()).contains("unknown key");
    JsonNode badType = command("root", "force", "root.s1.p1/plc/lifesign", "many", 3000);
    assertThat(badType.path("outcome").asText()).isEqualTo("rejected");
    assertThat(badType.path("reason").asText()).contains("bad value type");
    JsonNode notWritable = command("root", "write", "root.s1.p1/air/co_ppm", "1", 3000);
    assertThat(notWritable.path("reason").asText()).contains("not writable");
  }

  @Test
  void anUnreachableTargetTimesOutWithinTheDeadline() {
    cluster.stop("root.s1.p1");
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                cluster
                    .get("root.s1")
                    .statusJson()
                    .contains(
                        "\"neighbour\":\"root.s1.p1\",\"direction\":\"child\",\"state\":\"down\""));

    long start = System.nanoTime();
    JsonNode r = command("root.s2", "force", "root.s1.p1/mode", "x", 800);
    long tookMs = (System.nanoTime() - start) / 1_000_000;

    assertThat(r.path("outcome").asText()).isEqualTo("timed-out");
    assertThat(tookMs).isBetween(700L, 2000L);
  }

  @Test
  void aRetriedCommandIsExecutedOnce() {
    String json =
        "{\"op\":\"command\",\"action\":\"force\",\"key\":\"root.s1.p1/mode\",\"value\":\"once\",\"timeoutMs\":3000,\"id\":\"1b4e28ba-2fa1-11d2-883f-0016d3cca427\"}";
    String endpoint =
        new EndpointPlan(cluster.topology, HostMapping.identity())
            .management(StationId.single("root"))
            .uri();
    client.request(endpoint, "root", json, Duration.ofSeconds(5));
    long executed = cluster.get("root.s1.p1").counter("commandsExecuted");
    JsonNode again = client.request(endpoint, "root", json, Duration.ofSeconds(5));

    assertThat(again.path("outcome").asText()).isEqualTo("done");
    assertThat(cluster.get("root.s1.p1").counter("commandsExecuted")).isEqualTo(executed);
  }
}
