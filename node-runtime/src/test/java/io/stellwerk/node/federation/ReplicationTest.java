package io.stellwerk.node.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stellwerk.node.dim.Entry;
import io.stellwerk.node.dim.Value;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Replication across a three-level tree with an HA-pair root, on real sockets in one JVM. */
@Timeout(60)
class ReplicationTest {

  static final String TREE =
      """
      federation: repl
      defaults: {heartbeat: 50ms, missed-beats: 4}
      root:
        id: root
        pair:
          primary: {host: 127.0.60.1, port: 7100}
          backup: {host: 127.0.60.2, port: 7100}
        children:
          - id: root.s1
            host: 127.0.60.3
            port: 7100
            children:
              - id: root.s1.p1
                host: 127.0.60.5
                port: 7100
          - id: root.s2
            host: 127.0.60.4
            port: 7100
      """;

  private final Cluster cluster = new Cluster(TREE);

  @AfterEach
  void stop() {
    cluster.close();
  }

  @Test
  void leavesStartedFirstConvergeWithTheRootOnceItComes() {
    cluster.start("root.s1.p1").write("root.s1.p1/level", Value.of(3.5));
    cluster.start("root.s1").write("root.s1/mode", Value.of("auto"));
    cluster.start("root.s2").write("root.s2/count", Value.of(7L));
    cluster.start("root[primary]");
    cluster.start("root[backup]");

    cluster.awaitConverged(Duration.ofSeconds(10));

    assertThat(cluster.get("root[backup]").get("root.s1.p1/level"))
        .map(Entry::value)
        .contains(Value.of(3.5));
    assertThat(cluster.get("root.s2").get("root.s1.p1/level")).isPresent();
    assertThat(cluster.get("root.s1.p1").get("root.s2/count"))
        .map(Entry::value)
        .contains(Value.of(7L));
    assertThat(cluster.get("root.s1.p1").get("root.s1/mode"))
        .map(Entry::value)
        .contains(Value.of("auto"));
    // The pair's own keys (its HA state) reach every replica too.
    assertThat(cluster.get("root.s1.p1").get("root/ha/active"))
        .map(Entry::value)
        .contains(Value.of("root[primary]"));
  }

  @Test
  void anUpdateAtOneLeafReachesTheRootAndTheOtherLeaves() {
    cluster.startAll();
    cluster.awaitConverged(Duration.ofSeconds(10));

    Entry written = cluster.get("root.s1.p1").write("root.s1.p1/pump/speed", Value.of(42.0));

    for (String s : new String[] {"root[primary]", "root[backup]", "root.s1", "root.s2"}) {
      await(s + " has the update")
          .atMost(Duration.ofSeconds(5))
          .until(
              () -> cluster.get(s).get("root.s1.p1/pump/speed").map(Entry::version).orElse(null),
              v -> written.version().equals(v));
    }
  }

  @Test
  void deletesReplicateAsTombstones() {
    cluster.startAll();
    NodeRuntime leaf = cluster.get("root.s2");
    leaf.write("root.s2/temp", Value.of(1L));
    cluster.awaitConverged(Duration.ofSeconds(10));

    leaf.delete("root.s2/temp");

    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                cluster
                    .get("root.s1.p1")
                    .get("root.s2/temp")
                    .map(Entry::isTombstone)
                    .orElse(false));
    cluster.awaitConverged(Duration.ofSeconds(5));
  }

  @Test
  void aRestartedMiddleNodeIsResyncedFromBothSides() {
    cluster.startAll();
    cluster.get("root.s1.p1").write("root.s1.p1/a", Value.of(1L));
    cluster.awaitConverged(Duration.ofSeconds(10));

    cluster.stop("root.s1");
    cluster.get("root.s1.p1").write("root.s1.p1/b", Value.of(2L));
    cluster.get("root.s2").write("root.s2/c", Value.of(3L));
    cluster.start("root.s1");

    cluster.awaitConverged(Duration.ofSeconds(10));
    assertThat(cluster.get("root[primary]").get("root.s1.p1/b")).isPresent();
    assertThat(cluster.get("root.s1.p1").get("root.s2/c")).isPresent();
  }

  @Test
  void aSubtreeOnlyNodeHoldsNothingFromOutsideItsSubtree() {
    Cluster c =
        new Cluster(
            TREE.replace(
                "    - id: root.s2\n      host: 127.0.60.4\n      port: 7100\n",
                "    - id: root.s2\n      host: 127.0.60.4\n      port: 7100\n      options: {subtree-only: true}\n"));
    assertThat(c.topology.require("root.s2").options().subtreeOnly()).isTrue();
    try (c) {
      c.startAll();
      c.get("root.s1").write("root.s1/x", Value.of(1L));
      NodeRuntime s2 = c.get("root.s2");
      s2.write("root.s2/y", Value.of(2L));
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> c.get("root[primary]").get("root.s2/y").isPresent());
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> c.get("root.s1.p1").get("root.s1/x").isPresent());
      assertThat(s2.get("root.s1/x")).isEmpty();
      assertThat(s2.size()).isEqualTo(1);
    }
  }
}
