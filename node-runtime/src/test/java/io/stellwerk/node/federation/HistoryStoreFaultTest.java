package io.stellwerk.node.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stellwerk.node.dim.Entry;
import io.stellwerk.node.dim.Quality;
import io.stellwerk.node.dim.Value;
import io.stellwerk.node.history.HistoryOptions;
import io.stellwerk.node.history.HistoryStore;
import io.stellwerk.node.topology.HostMapping;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.lmdbjava.DbiFlags;
import org.lmdbjava.Env;

/**
 * A station whose history store is damaged or of a newer format keeps running and replicating: the
 * store is left untouched, and the reason is an alarm in the process image and in status.
 */
@Timeout(60)
class HistoryStoreFaultTest {

  static final String TREE =
      """
      federation: faults
      defaults: {heartbeat: 50ms, missed-beats: 4}
      root:
        id: root
        host: 127.0.94.1
        port: 7100
        children:
          - id: root.s1
            host: 127.0.94.2
            port: 7100
      """;

  @TempDir Path work;
  private final Cluster cluster = new Cluster(TREE);

  @AfterEach
  void stop() {
    cluster.close();
  }

  private void startBoth() {
    cluster.start("root");
    cluster.start("root.s1", HostMapping.identity(), work.resolve("s1"), HistoryOptions.defaults());
  }

  private void assertAlarmAndReplication(String contains) {
    await("the alarm reaches the root")
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                cluster
                    .get("root")
                    .get("root.s1/history/alarm")
                    .map(Entry::value)
                    .map(Value::text)
                    .orElse("")
                    .contains(contains));
    Entry alarm = cluster.get("root").get("root.s1/history/alarm").orElseThrow();
    assertThat(alarm.quality()).isEqualTo(Quality.BAD);
    assertThat(cluster.get("root.s1").statusJson()).contains(contains);
    cluster.get("root.s1").write("root.s1/still/running", Value.of(1L));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> cluster.get("root").get("root.s1/still/running").isPresent());
  }

  @Test
  void aDamagedStoreIsAnAlarmAndTheStationKeepsRunning() throws Exception {
    Path store = work.resolve("s1").resolve("history");
    Files.createDirectories(store);
    byte[] garbage = new byte[64 * 1024];
    new Random(3).nextBytes(garbage);
    Files.write(store.resolve("data.mdb"), garbage);
    startBoth();
    assertAlarmAndReplication("cannot open the history store " + store);
    cluster.stop("root.s1");
    assertThat(Files.readAllBytes(store.resolve("data.mdb"))).isEqualTo(garbage);
  }

  @Test
  void aStoreOfANewerFormatIsAnAlarmAndIsNotRewritten() throws Exception {
    Path store = work.resolve("s1").resolve("history");
    HistoryStore.open(store, 16 << 20).close();
    try (Env<ByteBuffer> env = Env.create().setMaxDbs(4).open(store.toFile())) {
      var meta = env.openDbi("meta", DbiFlags.MDB_CREATE);
      meta.put(
          ByteBuffer.allocateDirect(6).put("format".getBytes()).flip(),
          ByteBuffer.allocateDirect(4).putInt(HistoryStore.FORMAT + 7).flip());
    }
    startBoth();
    assertAlarmAndReplication(
        "has format " + (HistoryStore.FORMAT + 7) + ", newer than " + HistoryStore.FORMAT);
  }
}
