package io.stellwerk.node.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
 * A root pair as real processes (one {@code stellwerk-node run} per station, a real kill -9 and
 * SIGSTOP/SIGCONT on them, management requests and the operator's {@code ha switchover} command
 * over loopback): after a switchover to the backup the passive primary is killed — the active goes
 * on, its sections still replicate to it, and its alarm about the lost peer is in the DIM; the
 * killed primary restarts, comes back passive (not active, as at a healthy start), and counts as
 * ready only once it has caught up; until then the operator's switchover is refused with the
 * reason, afterwards it hands the active role back.
 */
@Timeout(180)
class HaRootLifecycleProcessTest {

  static final String TREE =
      """
      federation: ha-root-life
      defaults: {heartbeat: 100ms, missed-beats: 6}
      root:
        id: root
        pair:
          primary: {host: 127.0.120.1, port: 7100}
          backup: {host: 127.0.120.2, port: 7100}
        children:
          - id: root.s1
            host: 127.0.120.3
            port: 7100
          - id: root.s2
            host: 127.0.120.4
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
  }

  @Test
  void aKilledPassiveLeavesTheActiveInChargeAndComesBackPassiveCaughtUpAndReady() throws Exception {
    List<String> sections = List.of("root.s1", "root.s2");
    view.healthyStart("root", sections);
    // The backup takes the role, so that the peer killed and restarted below is the primary: it
    // must come back passive although the healthy-start rule favours it.
    ha.switchedOver("root", "root[primary]", sections);

    ha.fed.kill("root[primary]");
    await("the active's alarm about the lost peer reaches the sections' DIM")
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                sections.stream()
                    .allMatch(
                        s ->
                            view.value(s, "root[backup]/ha/alarm")
                                .startsWith("peer root[primary] lost")));
    assertThat(view.state("root[backup]")).isEqualTo("active");
    HaFederation.Switchover alone = ha.switchover("root");
    assertThat(alone.out()).contains("rejected: peer root[primary] is not reachable");
    assertThat(alone.status()).isEqualTo(1);

    // The sections go on replicating to the active while its peer is down; the active writes
    // keys of the pair's own.
    view.load("root.s1", 500, 100, 2000);
    view.load("root[backup]", 200, 20, 1000);
    Map<String, String> written = view.written("root.s1", "root.s1/bench/", 100);
    Map<String, String> own = view.written("root[backup]", "root/bench/", 20);
    await("the sections' updates reach the active alone")
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                view.versions("root[backup]", "root.s1/bench/").equals(written)
                    && view.versions("root.s2", "root.s1/bench/").equals(written));
    assertThat(sections).allMatch(s -> view.activeSeenBy(s, "root").equals("root[backup]"));

    ha.restartedPeerCatchesUpBeforeItIsReady(
        "root", "root[primary]", "root.s2", Map.of("root.s1/bench/", written, "root/bench/", own));
    ha.switchedOver("root", "root[backup]", sections);
  }
}
