package io.stellwerk.node.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
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
  // Stops every station process after each test.
  @AutoClose private HaFederation ha;
  private HaView view;

  @BeforeEach
  void start() throws Exception {
    ha = HaFederation.direct(work, TREE);
    view = ha.view;
    ha.fed.startAll();
    view.healthyStart("root", List.of("root.s1", "root.s2"));
  }

  @Test
  void killingTheActiveUnderLoadFailsOverAndLosesNoUpdate() throws Exception {
    view.load("root.s1", 2000, 200, 6000);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> view.versions("root[primary]", "root.s1/bench/").size() == 200);

    ha.fed.kill("root[primary]");
    await("the passive takes over")
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> view.state("root[backup]").equals("active"));
    await("the sections follow the new active")
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                view.activeSeenBy("root.s1", "root").equals("root[backup]")
                    && view.activeSeenBy("root.s2", "root").equals("root[backup]"));

    long[] last = {-1};
    await("the load runs out: the section's write count stops moving")
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              JsonNode answer = view.ask("root.s1", "{\"op\":\"probe\"}");
              long now = answer == null ? -1 : answer.path("written").asLong();
              boolean stable = now == last[0] && now > 10_000;
              last[0] = now;
              return stable;
            });
    Map<String, String> atOwner = view.versions("root.s1", "root.s1/bench/");
    await("every update the section applied is in the new active's replica")
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                view.versions("root[backup]", "root.s1/bench/").equals(atOwner)
                    && view.versions("root.s2", "root.s1/bench/").equals(atOwner));
    JsonNode owner = view.ask("root.s1", "{\"op\":\"status\"}");
    JsonNode root = view.ask("root[backup]", "{\"op\":\"status\"}");
    assertThat(root.path("versions").path("root.s1").asText())
        .isEqualTo(owner.path("versions").path("root.s1").asText());
  }

  @Test
  void aFrozenActiveIsReplacedAndStepsDownWhenItThaws() throws Exception {
    ha.fed.signal("root[primary]", "STOP");
    try {
      await("the passive takes over from the frozen active")
          .atMost(Duration.ofSeconds(10))
          .pollInterval(Duration.ofMillis(50))
          .until(() -> view.state("root[backup]").equals("active"));
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> view.activeSeenBy("root.s1", "root").equals("root[backup]"));
    } finally {
      ha.fed.signal("root[primary]", "CONT");
    }
    await("the thawed old active steps down")
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> view.state("root[primary]").equals("passive"));
    assertThat(view.state("root[backup]")).isEqualTo("active");
    assertThat(view.activeSeenBy("root.s1", "root")).isEqualTo("root[backup]");
    assertThat(view.activeSeenBy("root.s2", "root")).isEqualTo("root[backup]");
    // The alarm is raised into its journal. Not read from ha/alarm, which holds only the latest:
    // a child's NEWER_ACTIVE can make it step down before it reads the peer's messages queued
    // while it was frozen, whose "peer seen" alarm then comes last.
    await("the step-down is an alarm in the old active's journal")
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              JsonNode journal =
                  view.ask("root[primary]", "{\"op\":\"journal\",\"owner\":\"root[primary]\"}");
              return journal != null && journal.path("records").toString().contains("stepped down");
            });
  }
}
