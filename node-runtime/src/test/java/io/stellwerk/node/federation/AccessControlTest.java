package io.stellwerk.node.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stellwerk.node.dim.Entry;
import io.stellwerk.node.dim.Quality;
import io.stellwerk.node.dim.Value;
import io.stellwerk.node.dim.Version;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The parent takes from a child only keys of that child's subtree. */
@Timeout(60)
class AccessControlTest {

  static final String TREE =
      """
      federation: acl
      defaults: {heartbeat: 50ms, missed-beats: 4}
      root:
        id: root
        host: 127.0.63.1
        port: 7100
        children:
          - id: root.s1
            host: 127.0.63.2
            port: 7100
          - id: root.s2
            host: 127.0.63.3
            port: 7100
      """;

  private final Cluster cluster = new Cluster(TREE);

  @AfterEach
  void stop() {
    cluster.close();
  }

  private static Entry entry(String key, long seq) {
    return new Entry(key, Value.of(seq), Quality.GOOD, 0, new Version(99, seq), false);
  }

  @Test
  void aChildThatPublishesASiblingsKeyIsIgnoredAndCounted() {
    NodeRuntime root = cluster.start("root");
    NodeRuntime s2 = cluster.start("root.s2");
    s2.write("root.s2/real", Value.of(1L));
    try (RogueChild rogue = new RogueChild(cluster.topology, "root.s1")) {
      await().atMost(Duration.ofSeconds(5)).until(() -> root.get("root.s2/real").isPresent());

      await("the parent hears the child's stream")
          .atMost(Duration.ofSeconds(5))
          .until(
              () -> {
                rogue.heartbeat();
                return root.statusJson()
                    .contains(
                        "\"neighbour\":\"root.s1\",\"direction\":\"child\",\"state\":\"syncing\"");
              });
      rogue.keepAlive(20);
      rogue.sync(
          List.of(entry("root.s1/own", 1), entry("root.s2/real", 2), entry("root/forged", 3)));
      await("the child's own key arrives")
          .atMost(Duration.ofSeconds(5))
          .until(() -> root.get("root.s1/own").isPresent());
      rogue.publish(List.of(entry("root.s1/live", 4), entry("root.s2/live-forged", 5)));
      await("the live key arrives")
          .atMost(Duration.ofSeconds(5))
          .until(() -> root.get("root.s1/live").isPresent());

      assertThat(root.get("root.s2/real").orElseThrow().value()).isEqualTo(Value.of(1L));
      assertThat(root.get("root/forged")).isEmpty();
      assertThat(root.get("root.s2/live-forged")).isEmpty();
      assertThat(root.counter("droppedUnauthorised")).isEqualTo(3);
      assertThat(s2.get("root.s2/real").orElseThrow().value()).isEqualTo(Value.of(1L));
    }
  }
}
