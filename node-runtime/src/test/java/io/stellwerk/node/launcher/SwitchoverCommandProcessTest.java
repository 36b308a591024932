package io.stellwerk.node.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator's switchover when the active peer does not answer in time, with a real pair as
 * processes: the active is frozen (SIGSTOP) for less than the pair's deadline, so its peer still
 * hears it active. The command must say that the active did not answer, not ask the other peer for
 * a takeover that it would refuse ("use switchover") or that would make two actives; once the
 * active runs again the same command hands over.
 */
@Timeout(120)
class SwitchoverCommandProcessTest {

  // A long deadline (50 beats of 100 ms): the frozen active stays heard while the command runs.
  static final String TREE =
      """
      federation: switchover-cli
      defaults: {heartbeat: 100ms, missed-beats: 50}
      root:
        id: top
        pair:
          primary: {host: 127.0.124.1, port: 7100}
          backup: {host: 127.0.124.2, port: 7100}
      """;

  @TempDir Path work;
  // Stops every station process after each test.
  @AutoClose private HaFederation ha;

  @Test
  void aSwitchoverWhileTheActiveDoesNotAnswerSaysSoAndHandsOverOnceItDoes() throws Exception {
    ha = HaFederation.direct(work, TREE);
    HaView view = ha.view;
    ha.fed.start("top[primary]");
    ha.fed.start("top[backup]");
    await("the primary is active and counts its peer ready")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> view.state("top[primary]").equals("active") && view.peerReady("top[primary]"));

    ha.fed.signal("top[primary]", "STOP");
    HaFederation.Switchover frozen;
    try {
      frozen = ha.switchover("top", "--timeout", "500");
      assertThat(view.state("top[backup]")).isEqualTo("passive");
      assertThat(view.peerSeenAs("top[backup]")).isEqualTo("active");
    } finally {
      ha.fed.signal("top[primary]", "CONT");
    }
    assertThat(frozen.out())
        .contains("top[primary] is active (its peer hears it) but did not answer within 500 ms")
        .doesNotContain("takeover");
    assertThat(frozen.status()).isNotZero();

    ha.switchedOver("top", "top[primary]", List.of());
    assertThat(view.state("top[backup]")).isEqualTo("active");
  }
}
