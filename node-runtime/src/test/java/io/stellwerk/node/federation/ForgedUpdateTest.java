package io.stellwerk.node.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stellwerk.node.dim.Entry;
import io.stellwerk.node.dim.Quality;
import io.stellwerk.node.dim.Value;
import io.stellwerk.node.dim.Version;
import io.stellwerk.node.security.BatchSigner;
import io.stellwerk.node.security.KeyFiles;
import io.stellwerk.node.security.StationKeys;
import io.stellwerk.node.topology.StationId;
import io.stellwerk.node.wire.Codec;
import io.stellwerk.node.wire.SignedBatch;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A compromised relay: the middle station of a secured three-level tree, with valid keys and real
 * CURVE links, passes on batches that claim a leaf's key. It runs the real relay code (its batches
 * leave through the same path as every relayed batch); only the forged batches are handed to it by
 * the test, as an attacker on that box would. The root above and the sibling leaf below must drop
 * each of them and count it, while the leaf's real writes still arrive everywhere.
 */
class ForgedUpdateTest {

  private static final String TREE =
      """
      federation: forged
      root:
        id: root
        host: 127.0.58.1
        port: 7100
        children:
          - id: root.m
            host: 127.0.58.2
            port: 7100
            children:
              - id: root.m.a
                host: 127.0.58.3
                port: 7100
              - id: root.m.b
                host: 127.0.58.4
                port: 7100
      """;

  private static final String KEY = "root.m.a/valve";

  @TempDir Path keys;
  private Cluster cluster;

  @BeforeEach
  void start() {
    cluster = new Cluster(TREE).secured(keys);
    cluster.startAll();
    cluster.get("root.m.a").write(KEY, Value.of(1L));
    await("secured links replicate the leaf's value")
        .atMost(Duration.ofSeconds(60))
        .until(() -> holds("root", 1L) && holds("root.m.b", 1L));
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  private boolean holds(String station, long value) {
    return cluster.get(station).get(KEY).map(e -> e.value().equals(Value.of(value))).orElse(false);
  }

  /** The leaf's key at a version far above any real one, so only a check can stop it. */
  private static List<Entry> forgedValue(long value) {
    return List.of(
        new Entry(
            KEY, Value.of(value), Quality.GOOD, 0, new Version(Long.MAX_VALUE / 2, 1), false));
  }

  @Test
  void batchesARelayForgesInALeafsNameAreDroppedAboveAndBelowAndCounted() throws Exception {
    StationKeys middle =
        KeyFiles.loadStationKeys(
            cluster.bundle("root.m").resolve("keys"), StationId.parse("root.m").orElseThrow());
    BatchSigner middleSigner = new BatchSigner(middle);
    byte[] body = Codec.entries(forgedValue(666));
    List<SignedBatch> forgeries =
        List.of(
            // claims the leaf, signed with the relay's own key
            new SignedBatch("root.m.a", body, middleSigner.sign(body), forgedValue(666)),
            // the relay's own good signature over a key it does not own
            new SignedBatch("root.m", body, middleSigner.sign(body), forgedValue(666)),
            // claims the leaf and carries no signature at all
            SignedBatch.unsigned("root.m.a", forgedValue(666)));
    long rootBefore = cluster.get("root").counter("droppedForged");
    long siblingBefore = cluster.get("root.m.b").counter("droppedForged");

    NodeRuntime relay = cluster.get("root.m");
    relay.call(
        () -> {
          forgeries.forEach(b -> relay.loopForTests().ctx.relay(b, Source.CHILD));
          return null;
        });

    await("the root and the sibling leaf drop and count every forgery")
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                cluster.get("root").counter("droppedForged") >= rootBefore + 3
                    && cluster.get("root.m.b").counter("droppedForged") >= siblingBefore + 3);
    assertThat(holds("root", 1L)).as("the root keeps the leaf's real value").isTrue();
    assertThat(holds("root.m.b", 1L)).as("the sibling keeps the leaf's real value").isTrue();

    // The same path carries what the leaf really writes: the checks refuse forgeries, not relays.
    cluster.get("root.m.a").write(KEY, Value.of(2L));
    await("the leaf's next real value arrives above and below the relay")
        .atMost(Duration.ofSeconds(30))
        .until(() -> holds("root", 2L) && holds("root.m.b", 2L));
    assertThat(cluster.get("root").counter("droppedForged")).isEqualTo(rootBefore + 3);
  }
}
