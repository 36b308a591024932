package io.stellwerk.node.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pair in the middle of a federation (a parent above, two bays below) as real processes: one
 * {@code stellwerk-node run} per station, a real kill -9 and SIGSTOP/SIGCONT, management requests
 * and the operator's {@code ha switchover} command over loopback. One peer starts alone (unhealthy
 * start): it waits with an alarm and becomes active only on a vote, after the startup grace. The
 * other peer then starts, comes back passive and counts as ready only once it has caught up; the
 * switchover is refused with the reason until then and hands the role over afterwards. Finally the
 * new passive is killed: the active goes on, the bays still replicate to the root through it, and
 * its alarm about the lost peer is in the root's DIM.
 */
@Timeout(240)
class HaMiddleLifecycleProcessTest {

  static final String TREE =
      """
      federation: ha-middle-life
      defaults: {heartbeat: 100ms, missed-beats: 6}
      root:
        id: centre
        host: 127.0.121.1
        port: 7100
        children:
          - id: centre.sub
            pair:
              primary: {host: 127.0.121.2, port: 7100}
              backup: {host: 127.0.121.3, port: 7100}
            children:
              - id: centre.sub.bay1
                host: 127.0.121.4
                port: 7100
              - id: centre.sub.bay2
                host: 127.0.121.5
                port: 7100
      """;

  /** Deadline: heartbeat × missed-beats. */
  static final Duration DEADLINE = Duration.ofMillis(100 * 6);

  /** A peer alone takes a vote only after this many deadlines (HaController's startup grace). */
  static final int GRACE_DEADLINES = 10;

  @TempDir Path work;
  // Stops every station process after each test.
  @AutoClose private HaFederation ha;

  @Test
  void aPeerAloneWaitsForAVoteItsPartnerCatchesUpBeforeTakingOverAndOutlivesItsKilledPeer()
      throws Exception {
    ha = HaFederation.direct(work, TREE);
    HaView view = ha.view;
    List<String> followers = List.of("centre", "centre.sub.bay1", "centre.sub.bay2");
    for (String s :
        List.of("centre", "centre.sub.bay1", "centre.sub.bay2", "centre.sub[primary]")) {
      ha.fed.start(s);
    }

    // Unhealthy start: the primary alone waits, with an alarm, and takes the vote only after the
    // startup grace.
    await("the lone peer becomes active on a vote")
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> view.state("centre.sub[primary]").equals("active"));
    String log = ha.log("centre.sub[primary]");
    LocalTime waiting =
        HaFederation.loggedAt(log, "started: waiting for centre.sub[backup] or a vote");
    LocalTime active = HaFederation.loggedAt(log, "became active with epoch");
    assertThat(waiting).as(log).isNotNull();
    assertThat(log).containsPattern("became active with epoch \\d+ \\(vote from ");
    // The grace starts a moment before the peer logs that it waits (a loaded machine may
    // deschedule it in between): one deadline of slack allows for that, and still tells the grace
    // from a takeover on the parent's first vote, which comes about a deadline after the start.
    assertThat(Duration.between(waiting, active))
        .as("waited for its peer for the startup grace")
        .isGreaterThanOrEqualTo(DEADLINE.multipliedBy(GRACE_DEADLINES - 1));
    view.followed("centre.sub", "centre.sub[primary]", followers);

    // Writes of a bay and of the active itself, made before its partner ever ran.
    view.load("centre.sub.bay1", 500, 100, 2000);
    view.load("centre.sub[primary]", 200, 20, 1000);
    Map<String, String> bay = view.written("centre.sub.bay1", "centre.sub.bay1/bench/", 100);
    Map<String, String> own = view.written("centre.sub[primary]", "centre.sub/bench/", 20);
    await("the writes reach the root")
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                view.versions("centre", "centre.sub.bay1/bench/").equals(bay)
                    && view.versions("centre", "centre.sub/bench/").equals(own));

    ha.restartedPeerCatchesUpBeforeItIsReady(
        "centre.sub",
        "centre.sub[backup]",
        "centre.sub.bay2",
        Map.of("centre.sub.bay1/bench/", bay, "centre.sub/bench/", own));
    ha.switchedOver("centre.sub", "centre.sub[primary]", followers);

    // Kill the passive: the active goes on and raises the peer loss.
    ha.fed.kill("centre.sub[primary]");
    await("the active's alarm about the lost peer reaches the root's DIM")
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                view.value("centre", "centre.sub[backup]/ha/alarm")
                    .startsWith("peer centre.sub[primary] lost"));
    assertThat(view.state("centre.sub[backup]")).isEqualTo("active");
    view.load("centre.sub.bay2", 500, 100, 2000);
    Map<String, String> later = view.written("centre.sub.bay2", "centre.sub.bay2/bench/", 100);
    await("the bays still replicate to the root through the active alone")
        .atMost(Duration.ofSeconds(30))
        .until(() -> view.versions("centre", "centre.sub.bay2/bench/").equals(later));
    assertThat(followers)
        .allMatch(f -> view.activeSeenBy(f, "centre.sub").equals("centre.sub[backup]"));
  }
}
