package io.stellwerk.node.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.stellwerk.node.topology.Topology;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pair at a leaf as real processes: one {@code stellwerk-node run} per station, a real SIGSTOP /
 * SIGCONT, management requests and the operator's {@code ha switchover} command over loopback. One
 * peer starts alone with nobody to vote (unhealthy start): it waits past the startup grace with an
 * alarm and becomes active on the operator's command. Its partner then starts, comes back passive
 * and counts as ready only once it has caught up; the switchover is refused with the reason until
 * then and hands the role over afterwards. The active is then frozen past the deadline and thawed:
 * a watcher asking the parent all along never finds it in sync with two active peers, the thawed
 * peer steps down, and an operator switchover hands the role back to it once it is ready.
 */
@Timeout(240)
class HaLeafLifecycleProcessTest {

  static final String TREE =
      """
      federation: ha-leaf-life
      defaults: {heartbeat: 100ms, missed-beats: 6}
      root:
        id: root
        host: 127.0.122.1
        port: 7100
        children:
          - id: root.s1
            host: 127.0.122.2
            port: 7100
            children:
              - id: root.s1.pump
                pair:
                  primary: {host: 127.0.122.3, port: 7100}
                  backup: {host: 127.0.122.4, port: 7100}
      """;

  static final String PAIR = "root.s1.pump";
  static final String PRIMARY = PAIR + "[primary]";
  static final String BACKUP = PAIR + "[backup]";

  /** Startup grace (HaController: ten deadlines of heartbeat × missed-beats) plus a margin. */
  static final long PAST_GRACE_MS = 10 * 600 + 2000;

  @TempDir Path work;
  // Stops every station process after each test.
  @AutoClose private HaFederation ha;

  @Test
  void aLonePeerWaitsForTheOperatorAndAFrozenActiveIsReplacedWithoutTwoActivesAtTheParent()
      throws Exception {
    ha = HaFederation.direct(work, TREE);
    HaView view = ha.view;
    List<String> followers = List.of("root.s1", "root");

    // Unhealthy start with nobody to vote: the primary waits past the grace, with its alarm.
    ha.fed.start(PRIMARY);
    await("the lone peer waits past the startup grace")
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              JsonNode s = view.status(PRIMARY);
              if (s == null) {
                return false;
              }
              assertThat(s.path("ha").path("state").asText()).isEqualTo("waiting");
              return s.path("uptimeMs").asLong() > PAST_GRACE_MS;
            });
    assertThat(view.status(PRIMARY).path("ha").path("lastAlarm").asText())
        .isEqualTo(
            "unhealthy start: peer "
                + BACKUP
                + " not seen; staying waiting until a vote or the operator (ha switchover)");
    HaFederation.Switchover takeover = ha.switchover(PAIR);
    assertThat(takeover.out()).contains("done (takeover via " + PRIMARY + ")");
    assertThat(takeover.status()).isZero();
    assertThat(view.state(PRIMARY)).isEqualTo("active");
    assertThat(view.status(PRIMARY).path("ha").path("lastAlarm").asText())
        .contains("(operator takeover)");

    ha.fed.start("root");
    ha.fed.start("root.s1");
    view.followed(PAIR, PRIMARY, followers);
    view.load(PRIMARY, 500, 100, 2000);
    Map<String, String> written = view.written(PRIMARY, PAIR + "/bench/", 100);
    await("the active's writes reach the root")
        .atMost(Duration.ofSeconds(30))
        .until(() -> view.versions("root", PAIR + "/bench/").equals(written));

    ha.restartedPeerCatchesUpBeforeItIsReady(
        PAIR, BACKUP, "root.s1", Map.of(PAIR + "/bench/", written));
    ha.switchedOver(PAIR, PRIMARY, followers);

    // Freeze the active past the deadline, then thaw it, while a watcher asks the parent.
    try (ParentWatch watch = new ParentWatch(ha.topology)) {
      ha.fed.signal(BACKUP, "STOP");
      try {
        await("the passive takes over from the frozen active")
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(100))
            .until(() -> view.state(PRIMARY).equals("active"));
        view.followed(PAIR, PRIMARY, followers);
      } finally {
        ha.fed.signal(BACKUP, "CONT");
      }
      await("the thawed old active steps down")
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(100))
          .until(() -> view.state(BACKUP).equals("passive"));
      await("the watcher saw the parent lose the frozen peer and hear it again")
          .atMost(Duration.ofSeconds(30))
          .until(watch::sawLinkDownThenLive);
      watch.stop();
      assertThat(watch.bothActive).as("the parent heard two active peers").isEmpty();
    }
    assertThat(view.state(PRIMARY)).isEqualTo("active");
    assertThat(view.status(BACKUP).path("ha").path("lastAlarm").asText())
        .startsWith("stepped down to passive");
    assertThat(followers).allMatch(f -> view.activeSeenBy(f, PAIR).equals(PRIMARY));

    // Failback is the operator's command, accepted once the thawed peer has caught up.
    ha.switchedOver(PAIR, PRIMARY, followers);
  }

  /**
   * Asks the parent, all along, which peers of the pair it is in sync with (its link to the peer is
   * live) and which of them its DIM says are active; records every answer with two, and the state
   * of the parent's link to the backup (the peer frozen and thawed) in every answer. A link that is
   * syncing does not count: the parent then holds the peer's state from before the link went down,
   * and the peer's current one arrives with the sync, so any peer that was active once would count
   * as active while it resyncs, however fast it stepped down.
   */
  private static final class ParentWatch implements AutoCloseable {
    final List<String> bothActive = new CopyOnWriteArrayList<>();
    private final List<String> linkToBackup = new CopyOnWriteArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final HaView parent;
    private final Thread thread;

    ParentWatch(Topology topology) {
      parent = HaView.direct(topology);
      thread = new Thread(this::run, "parent-watch");
      thread.start();
    }

    private void run() {
      while (running.get()) {
        // Links first, then the states: a peer whose link comes back is counted only with the
        // state it announced by then.
        Map<String, String> links = parent.links("root.s1");
        Map<String, String> states = parent.values("root.s1", PAIR + "[");
        if (links.isEmpty() || states.isEmpty()) {
          continue;
        }
        String toPrimary = links.getOrDefault(PRIMARY, "none");
        String toBackup = links.getOrDefault(BACKUP, "none");
        linkToBackup.add(toBackup);
        boolean primary =
            toPrimary.equals("live") && "active".equals(states.get(PRIMARY + "/ha/state"));
        boolean backup =
            toBackup.equals("live") && "active".equals(states.get(BACKUP + "/ha/state"));
        if (primary && backup) {
          bothActive.add(toPrimary + "/" + toBackup + " " + states);
        }
      }
    }

    /** Whether an answer found the link to the frozen peer down, and a later one live again. */
    boolean sawLinkDownThenLive() {
      int down = linkToBackup.indexOf("down");
      return down >= 0 && linkToBackup.lastIndexOf("live") > down;
    }

    void stop() throws InterruptedException {
      running.set(false);
      thread.join(10_000);
    }

    @Override
    public void close() throws InterruptedException {
      stop();
      parent.close();
    }
  }
}
