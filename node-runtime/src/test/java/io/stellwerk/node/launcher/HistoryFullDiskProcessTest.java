package io.stellwerk.node.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.stellwerk.node.topology.StationId;
import io.stellwerk.node.topology.Topology;
import io.stellwerk.node.topology.TopologyLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A station whose data directory is a small tmpfs (mounted by the test) fills its disk: it keeps
 * running, raises an alarm, keeps every record written before and holds the rest in its bounded
 * buffer; given room again, it writes them all and clears the alarm.
 */
@Timeout(180)
class HistoryFullDiskProcessTest {

  static final String TREE =
      """
      federation: full
      root:
        id: root
        host: 127.0.93.1
        port: 7100
      """;

  @TempDir Path work;
  private LocalFederation fed;
  private StationProbe probe;
  private Path mount;

  private static int run(String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    return p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
  }

  @BeforeEach
  void start() throws Exception {
    Path file = work.resolve("full.yaml");
    Files.writeString(file, TREE);
    Topology topology = TopologyLoader.load(file).valid().orElseThrow();
    fed =
        LocalFederation.insecure(
            file, topology, work.resolve("run"), List.of("--log-level", "warn"));
    probe = new StationProbe(topology, true);
    mount = fed.dataDir("root");
    Files.createDirectories(mount);
    assumeThat(run("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", mount.toString()))
        .as("a tmpfs can be mounted (root)")
        .isZero();
  }

  @AfterEach
  void stop() throws Exception {
    probe.close();
    fed.close();
    if (mount != null) {
      run("umount", mount.toString());
    }
  }

  private JsonNode status() {
    return probe.status(StationId.parse("root").orElseThrow(), Duration.ofSeconds(2)).orElse(null);
  }

  private long lastSeq(JsonNode s) {
    String last = s.path("history").path("owners").path("root").path("last").asText("0.0");
    return Long.parseLong(last.substring(last.indexOf('.') + 1));
  }

  @Test
  void aFullDiskRaisesAnAlarmLosesNothingWrittenAndCatchesUpWhenThereIsRoomAgain()
      throws Exception {
    fed.start("root");
    await().atMost(Duration.ofSeconds(30)).until(() -> status() != null);
    long n = 150_000;
    assertThat(
            probe.ask(
                StationId.parse("root").orElseThrow(),
                "{\"op\":\"history-fill\",\"records\":" + n + ",\"rate\":0}",
                Duration.ofSeconds(5)))
        .isPresent();

    await("the disk fills and the station says so")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> status().path("history").path("problem").asText().contains("is full"));
    JsonNode full = status();
    long stored = full.path("history").path("owners").path("root").path("records").asLong();
    assertThat(stored).isPositive().isLessThan(n);
    // Nothing before the full disk is missing: sequences 1..stored are all there.
    assertThat(lastSeq(full)).isEqualTo(stored);
    assertThat(full.path("history").path("refused").asLong()).isZero();
    JsonNode alarm =
        probe
            .ask(
                StationId.parse("root").orElseThrow(),
                "{\"op\":\"get\",\"key\":\"root/history/alarm\"}",
                Duration.ofSeconds(2))
            .orElseThrow();
    assertThat(alarm.path("value").asText()).contains("is full");
    assertThat(alarm.path("quality").asText()).isEqualTo("bad");

    assertThat(run("mount", "-o", "remount,size=64m", mount.toString())).isZero();
    await("with room again every buffered record is written and the alarm clears")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              JsonNode s = status();
              return s.path("history").path("problem").asText().isEmpty()
                  && s.path("history").path("queued").asLong() == 0
                  && lastSeq(s) >= n
                  && lastSeq(s)
                      == s.path("history").path("owners").path("root").path("records").asLong();
            });
    JsonNode journal =
        probe
            .ask(
                StationId.parse("root").orElseThrow(),
                "{\"op\":\"journal\",\"owner\":\"root\"}",
                Duration.ofSeconds(5))
            .orElseThrow();
    assertThat(journal.path("records").toString()).contains("is full").contains("writable again");
  }
}
