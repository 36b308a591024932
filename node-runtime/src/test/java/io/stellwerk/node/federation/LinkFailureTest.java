package io.stellwerk.node.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stellwerk.node.dim.Value;
import io.stellwerk.node.topology.HostMapping;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A cut link between a section and the root, through cuttable relays (both directions), while both
 * sides keep writing: after the cut heals, both directions resync and nothing is missing.
 */
@Timeout(90)
class LinkFailureTest {

  static final String TREE =
      """
      federation: cut
      defaults: {heartbeat: 50ms, missed-beats: 4}
      root:
        id: root
        host: 127.0.62.1
        port: 7100
        children:
          - id: root.s1
            host: 127.0.62.2
            port: 7100
          - id: root.s2
            host: 127.0.62.3
            port: 7100
      """;

  private final Cluster cluster = new Cluster(TREE);
  private TcpRelay towardRoot;
  private TcpRelay towardSection;

  @BeforeEach
  void start() throws Exception {
    // s1 reaches the root's south sockets through 127.0.62.9; the root reaches s1's north PUB
    // through 127.0.62.8.
    towardRoot = new TcpRelay("127.0.62.9", "127.0.62.1", 7100, 7101);
    towardSection = new TcpRelay("127.0.62.8", "127.0.62.2", 7102);
    cluster.start("root", HostMapping.of(Map.of("127.0.62.2", "127.0.62.8")));
    cluster.start("root.s1", HostMapping.of(Map.of("127.0.62.1", "127.0.62.9")));
    cluster.start("root.s2");
    cluster.get("root.s1").write("root.s1/before", Value.of(1L));
    cluster.awaitConverged(Duration.ofSeconds(10));
  }

  @AfterEach
  void stop() {
    cluster.close();
    towardRoot.close();
    towardSection.close();
  }

  @ParameterizedTest(name = "connections dropped when healed: {0}")
  @ValueSource(booleans = {false, true})
  void bothDirectionsResyncAfterACutLongerThanTheDeadline(boolean dropConnections) {
    long resyncsBefore = cluster.get("root.s1").counter("resyncs");
    towardRoot.cut();
    towardSection.cut();
    await("s1 notices the silent parent")
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                cluster
                    .get("root.s1")
                    .statusJson()
                    .contains("\"direction\":\"parent\",\"state\":\"down\""));
    await("the root notices the silent child")
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                cluster
                    .get("root")
                    .statusJson()
                    .contains(
                        "\"neighbour\":\"root.s1\",\"direction\":\"child\",\"state\":\"down\""));

    for (int i = 0; i < 100; i++) {
      cluster.get("root.s1").write("root.s1/during/" + i, Value.of((long) i));
      cluster.get("root.s2").write("root.s2/during/" + i, Value.of((long) i));
    }
    cluster.get("root").write("root/during", Value.of("cut"));
    assertThat(cluster.get("root").get("root.s1/during/99")).isEmpty();

    towardRoot.restore(dropConnections);
    towardSection.restore(dropConnections);

    cluster.awaitConverged(Duration.ofSeconds(15));
    assertThat(cluster.get("root").get("root.s1/during/99")).isPresent();
    assertThat(cluster.get("root.s1").get("root.s2/during/99")).isPresent();
    assertThat(cluster.get("root.s1").get("root/during")).isPresent();
    assertThat(cluster.get("root.s1").counter("resyncs")).isGreaterThan(resyncsBefore);
  }
}
