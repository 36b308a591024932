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
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pair at the PLC (single-level HA) as real processes around a real {@code plc-sim} process: the
 * PLC's own write log shows which peer wrote. Healthy start, kill -9 of the active, a frozen and
 * thawed active, a killed passive, and a peer alone at start.
 */
@Timeout(240)
class PlcPairProcessTest {

  static final String PRIMARY = "127.0.100.1";
  static final String BACKUP = "127.0.100.2";
  static final String PLC = "127.0.100.10";
  static final int PLC_PORT = 1502;

  static final String TREE =
      """
      federation: plc-pair
      defaults: {heartbeat: 100ms, missed-beats: 6}
      root:
        id: section
        pair:
          primary: {host: 127.0.100.1, port: 7100}
          backup: {host: 127.0.100.2, port: 7100}
        plc:
          kind: modbus
          host: 127.0.100.10
          port: 1502
          poll: 100ms
          life_sign: {register: 100, interval: 100ms}
          points:
            - {key: air/co_ppm, table: input, address: 0, type: uint16, scale: 0.1}
            - {key: fan1/setpoint_pct, table: holding, address: 0, type: uint16, scale: 0.1, access: read_write}
      """;

  @TempDir Path work;
  private LocalFederation fed;
  private StationProbe probe;
  private PlcSimProcess plc;

  private void start(String... stations) throws Exception {
    Path file = work.resolve("plc-pair.yaml");
    Files.writeString(file, TREE);
    Topology topology = TopologyLoader.load(file).valid().orElseThrow();
    plc = PlcSimProcess.start(work.resolve("plc"), PLC, PLC_PORT, List.of());
    await("plc-sim listens").atMost(Duration.ofSeconds(30)).until(plc::listening);
    fed =
        LocalFederation.insecure(
            file, topology, work.resolve("run"), List.of("--log-level", "warn"));
    probe = new StationProbe(topology, true);
    for (String s : stations) {
      fed.start(s);
    }
  }

  private void healthyStart() throws Exception {
    start("section[primary]", "section[backup]");
    await("healthy start: primary active, backup passive")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () ->
                state("section[primary]").equals("active")
                    && state("section[backup]").equals("passive"));
    await("the primary writes the life sign")
        .atMost(Duration.ofSeconds(10))
        .until(() -> lifeSignWrites(PRIMARY) >= 5);
  }

  @AfterEach
  void stop() {
    if (probe != null) {
      probe.close();
    }
    if (fed != null) {
      fed.close();
    }
    if (plc != null) {
      plc.close();
    }
  }

  private JsonNode status(String station) {
    return probe
        .ask(StationId.parse(station).orElseThrow(), "{\"op\":\"status\"}", Duration.ofSeconds(1))
        .orElse(null);
  }

  private String state(String station) {
    JsonNode s = status(station);
    return s == null ? "down" : s.path("ha").path("state").asText();
  }

  private String alarm(String station) {
    JsonNode s = status(station);
    return s == null ? "" : s.path("ha").path("lastAlarm").asText();
  }

  private long lifeSignWrites(String from) throws Exception {
    return plc.writes().stream()
        .filter(w -> w.register() == 100 && w.table().equals("holding") && w.address().equals(from))
        .count();
  }

  @Test
  void healthyStartMakesThePrimaryTheOnlyWriterAndThePassiveSeesTheLifeSignMove() throws Exception {
    healthyStart();
    await("the passive reads the life sign as moving")
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                "moving"
                    .equals(
                        status("section[backup]")
                            .path("ha")
                            .path("lifeSign")
                            .path("verdict")
                            .asText()));
    JsonNode co =
        probe
            .ask(
                StationId.parse("section[backup]").orElseThrow(),
                "{\"op\":\"get\",\"key\":\"section/air/co_ppm\"}",
                Duration.ofSeconds(1))
            .orElseThrow();
    assertThat(co.path("quality").asText()).isEqualToIgnoringCase("good");
    assertThat(status("section[backup]").path("ha").path("plcWrites").asBoolean()).isFalse();
    assertThat(plc.writerSequence()).containsExactly(PRIMARY);
  }

  @Test
  void killingTheActiveMakesThePassiveTakeOverAndThePlcSeesOneWriterAtATime() throws Exception {
    healthyStart();
    fed.kill("section[primary]");
    await("the passive takes over when peer link and life sign are both silent")
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> state("section[backup]").equals("active"));
    await("the new active writes the life sign")
        .atMost(Duration.ofSeconds(10))
        .until(() -> lifeSignWrites(BACKUP) >= 5);
    assertThat(plc.writerSequence()).containsExactly(PRIMARY, BACKUP);
    List<PlcSimProcess.Write> ls = plc.writes().stream().filter(w -> w.register() == 100).toList();
    int lastOfPrimary =
        Integer.parseInt(
            ls.stream()
                .filter(w -> w.address().equals(PRIMARY))
                .reduce((a, b) -> b)
                .orElseThrow()
                .value());
    int firstOfBackup =
        Integer.parseInt(
            ls.stream().filter(w -> w.address().equals(BACKUP)).findFirst().orElseThrow().value());
    assertThat(firstOfBackup)
        .as("the counter continues from the PLC's value")
        .isEqualTo((lastOfPrimary + 1) & 0xffff);
    assertThat(alarm("section[backup]")).contains("became active");
  }

  @Test
  void aFrozenActiveIsReplacedAndNeverWritesBesideTheNewOne() throws Exception {
    healthyStart();
    fed.signal("section[primary]", "STOP");
    try {
      await("the passive takes over from the frozen active")
          .atMost(Duration.ofSeconds(15))
          .pollInterval(Duration.ofMillis(50))
          .until(() -> state("section[backup]").equals("active"));
      await().atMost(Duration.ofSeconds(10)).until(() -> lifeSignWrites(BACKUP) >= 5);
    } finally {
      fed.signal("section[primary]", "CONT");
    }
    await("the thawed old active steps down")
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> state("section[primary]").equals("passive"));
    long backupWrites = lifeSignWrites(BACKUP);
    await("the new active keeps writing")
        .atMost(Duration.ofSeconds(10))
        .until(() -> lifeSignWrites(BACKUP) >= backupWrites + 10);
    assertThat(plc.writerSequence())
        .as("the PLC saw one writer, then the other, never both")
        .containsExactly(PRIMARY, BACKUP);
    assertThat(state("section[backup]")).isEqualTo("active");
  }

  @Test
  void killingThePassiveLeavesTheActiveWritingAndRaisesAnAlarm() throws Exception {
    healthyStart();
    fed.kill("section[backup]");
    await("the active raises the peer loss")
        .atMost(Duration.ofSeconds(10))
        .until(() -> alarm("section[primary]").contains("lost"));
    long before = lifeSignWrites(PRIMARY);
    await().atMost(Duration.ofSeconds(10)).until(() -> lifeSignWrites(PRIMARY) >= before + 10);
    assertThat(state("section[primary]")).isEqualTo("active");
    assertThat(plc.writerSequence()).containsExactly(PRIMARY);
  }

  @Test
  void aPeerAloneAtStartWaitsForTheOperatorAndWritesNothingUntilThen() throws Exception {
    start("section[primary]");
    await("the lone peer is up and waiting")
        .atMost(Duration.ofSeconds(60))
        .until(() -> state("section[primary]").equals("waiting"));
    await("it stays waiting although peer and life sign are both silent")
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(5))
        .until(() -> state("section[primary]").equals("waiting"));
    assertThat(alarm("section[primary]")).contains("waiting for section[backup] or the operator");
    assertThat(plc.writes()).isEmpty();

    JsonNode answer =
        probe
            .ask(
                StationId.parse("section[primary]").orElseThrow(),
                "{\"op\":\"takeover\"}",
                Duration.ofSeconds(2))
            .orElseThrow();
    assertThat(answer.toString()).doesNotContain("error");
    await("after the operator's takeover it drives the PLC")
        .atMost(Duration.ofSeconds(10))
        .until(() -> lifeSignWrites(PRIMARY) >= 5);
  }
}
