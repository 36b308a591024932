package io.stellwerk.node.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stellwerk.node.dim.Entry;
import io.stellwerk.node.dim.Value;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A root pair with two sections, in one JVM on real sockets: roles, votes, failover, switchover.
 */
@Timeout(60)
class HaClusterTest {

  static final String TREE =
      """
      federation: ha
      defaults: {heartbeat: 50ms, missed-beats: 4}
      root:
        id: root
        pair:
          primary: {host: 127.0.65.1, port: 7100}
          backup: {host: 127.0.65.2, port: 7100}
        children:
          - id: root.s1
            host: 127.0.65.3
            port: 7100
          - id: root.s2
            host: 127.0.65.4
            port: 7100
      """;

  private final Cluster cluster = new Cluster(TREE);

  @AfterEach
  void stop() {
    cluster.close();
  }

  private String state(String station) {
    return cluster
        .get(station)
        .get(station + "/ha/state")
        .map(e -> e.value().text())
        .orElse("none");
  }

  private String activeSeenBy(String station) {
    return cluster.get(station).get("root/ha/active").map(e -> e.value().text()).orElse("none");
  }

  @Test
  void healthyStartMakesThePrimaryActiveAndTheBackupPassive() {
    cluster.startAll();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                state("root[primary]").equals("active") && state("root[backup]").equals("passive"));
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> activeSeenBy("root.s2").equals("root[primary]"));
    cluster.awaitConverged(Duration.ofSeconds(10));
    // How each peer sees the other, and its readiness, are in the process image everywhere.
    await("peer views and readiness reach a section")
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                text("root.s1", "root[primary]/ha/peer").equals("passive")
                    && text("root.s1", "root[backup]/ha/peer").equals("active")
                    && text("root.s1", "root[primary]/ha/ready").equals("true")
                    && text("root.s1", "root[backup]/ha/ready").equals("true"));
  }

  private String text(String station, String key) {
    return cluster.get(station).get(key).map(e -> e.value().text()).orElse("");
  }

  @Test
  void whenTheActiveDiesChildrenVoteAndThePassiveTakesOverWithANewEpoch() {
    cluster.startAll();
    await().atMost(Duration.ofSeconds(10)).until(() -> state("root[backup]").equals("passive"));
    cluster.get("root.s1").write("root.s1/before", Value.of(1L));
    await().until(() -> cluster.get("root[backup]").get("root.s1/before").isPresent());
    long oldEpoch =
        cluster.get("root[primary]").get("root/ha/active").orElseThrow().version().epoch();

    long killed = System.nanoTime();
    cluster.stop("root[primary]");
    await().atMost(Duration.ofSeconds(5)).until(() -> state("root[backup]").equals("active"));
    long tookMs = (System.nanoTime() - killed) / 1_000_000;

    Entry active = cluster.get("root[backup]").get("root/ha/active").orElseThrow();
    assertThat(active.value()).isEqualTo(Value.of("root[backup]"));
    assertThat(active.version().epoch()).isGreaterThan(oldEpoch);
    // heartbeat 50 ms x 4 missed beats + votes: well under a second on this machine
    assertThat(tookMs).isLessThan(2000);
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> activeSeenBy("root.s2").equals("root[backup]"));
    cluster.get("root.s2").write("root.s2/after", Value.of(2L));
    await().until(() -> cluster.get("root.s1").get("root.s2/after").isPresent());
    assertThat(cluster.get("root[backup]").get("root.s1/before")).isPresent();
  }

  @Test
  void losingThePassiveLeavesTheActiveInChargeAndRaisesAnAlarm() {
    cluster.startAll();
    await().atMost(Duration.ofSeconds(10)).until(() -> state("root[backup]").equals("passive"));
    cluster.stop("root[backup]");
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                cluster
                    .get("root[primary]")
                    .get("root[primary]/ha/alarm")
                    .map(e -> e.value().text().contains("lost"))
                    .orElse(false));
    assertThat(state("root[primary]")).isEqualTo("active");
  }

  @Test
  void aPeerAloneWithoutChildrenWaitsAndBecomesActiveOnlyOnTheOperatorsWord() throws Exception {
    Cluster alone =
        new Cluster(
            """
            federation: alone
            defaults: {heartbeat: 50ms, missed-beats: 4}
            root:
              id: st
              pair:
                primary: {host: 127.0.66.1, port: 7100}
                backup: {host: 127.0.66.2, port: 7100}
            """);
    try (alone) {
      NodeRuntime b = alone.start("st[backup]");
      await("the lone peer keeps waiting for four deadlines")
          .during(Duration.ofMillis(800))
          .atMost(Duration.ofSeconds(3))
          .until(
              () ->
                  b.get("st[backup]/ha/state")
                      .map(e -> e.value().text())
                      .orElse("")
                      .equals("waiting"));
      assertThat(b.statusJson()).contains("\"state\":\"waiting\"");
      assertThat(b.get("st[backup]/ha/peer").orElseThrow().value().text()).isEqualTo("not seen");
      await("the unhealthy start is an alarm once the startup grace is over")
          .atMost(Duration.ofSeconds(5))
          .until(
              () ->
                  b.get("st[backup]/ha/alarm")
                      .map(e -> e.value().text())
                      .orElse("")
                      .startsWith("unhealthy start: peer st[primary] not seen; staying waiting"));
      String r = b.call(() -> b.loopForTests().management.status().toString());
      assertThat(r).contains("waiting");
      b.call(() -> b.loopForTests().ha.takeover(System.nanoTime()));
      await().atMost(Duration.ofSeconds(2)).until(() -> b.get("st/ha/active").isPresent());
    }
  }

  @Test
  void switchoverIsRefusedUntilThePeerIsReadyThenSwapsTheRoles() {
    cluster.start("root[primary]");
    cluster.start("root.s1");
    cluster.start("root.s2");
    NodeRuntime p = cluster.get("root[primary]");
    await().atMost(Duration.ofSeconds(10)).until(() -> state("root[primary]").equals("active"));
    assertThat(p.call(() -> p.loopForTests().ha.switchover(System.nanoTime())))
        .contains("not reachable");

    cluster.start("root[backup]");
    await().atMost(Duration.ofSeconds(10)).until(() -> state("root[backup]").equals("passive"));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> p.call(() -> p.loopForTests().ha.switchover(System.nanoTime())) == null);

    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                state("root[backup]").equals("active") && state("root[primary]").equals("passive"));
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> activeSeenBy("root.s1").equals("root[backup]"));
  }
}
