package io.stellwerk.node.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stellwerk.node.federation.NodeConfig;
import io.stellwerk.node.federation.NodeRuntime;
import io.stellwerk.node.history.Position;
import io.stellwerk.node.topology.HostMapping;
import io.stellwerk.node.topology.StationId;
import io.stellwerk.node.topology.Topology;
import io.stellwerk.node.topology.TopologyLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code history}, {@code journal} and {@code ack} against a running station with a store. */
@Timeout(60)
class HistoryCommandsTest {

  static final String TREE =
      """
      federation: cli-history
      root:
        id: root
        host: 127.0.94.10
        port: 7100
      """;

  @TempDir Path work;
  private Path file;
  private NodeRuntime root;

  @BeforeEach
  void start() throws Exception {
    file = work.resolve("t.yaml");
    Files.writeString(file, TREE);
    root = runRoot();
    root.historyFill(25, 0);
    await().atMost(Duration.ofSeconds(20)).until(() -> root.historyOf("root").records() == 25);
  }

  private NodeRuntime runRoot() {
    Topology t = TopologyLoader.load(file).valid().orElseThrow();
    return NodeRuntime.start(
        NodeConfig.of(
            t, StationId.parse("root").orElseThrow(), HostMapping.identity(), work.resolve("d")));
  }

  @AfterEach
  void stop() {
    root.close();
  }

  @Test
  void historyPrintsTheSeriesOfAKeyAndJsonOnRequest() throws Exception {
    CliRun text = remote("history", "--via", "root", "root/bench/history");
    assertThat(text.status()).isZero();
    assertThat(text.outLines()).hasSize(25).allMatch(l -> l.contains("root/bench/history = "));

    CliRun json =
        remote("history", "--via", "root", "root/bench/history", "--limit", "10", "--json");
    JsonNode n = new ObjectMapper().readTree(json.out());
    assertThat(n.path("records")).hasSize(10);
    assertThat(n.path("truncated").asBoolean()).isTrue();
    assertThat(n.path("records").get(0).path("seq").asLong()).isEqualTo(1);
  }

  @Test
  void statusShowsTheStore() {
    CliRun status = remote("status", "root");
    assertThat(status.out()).contains("history: 25 records, 0 queued, 0 refused");
  }

  @Test
  void anAcknowledgedEventShowsInTheJournalWithWhoAcknowledged() {
    String event = raised();
    CliRun ack = remote("ack", "--via", "root", event, "--by", "anna");
    assertThat(ack.out().trim()).isEqualTo("done");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                remote("journal", "--via", "root", "--owner", "root")
                    .out()
                    .contains("ACK   " + event + " by anna"));
    assertThat(root.historyOf("root").last()).isNotEqualTo(Position.ZERO);
  }

  @Test
  void acknowledgingAnEventThatIsNotOpenIsOneClearLineAndWritesNothing() {
    String event = raised();
    // A sample is no event, and a sequence beyond the journal names nothing.
    for (String notAnEvent : List.of("root#3", "root#999999")) {
      long before = root.historyOf("root").records();
      CliRun ack = remote("ack", "--via", "root", notAnEvent, "--by", "anna");
      assertThat(ack.status()).isNotZero();
      assertThat(ack.out()).isEmpty();
      assertThat(ack.errLines())
          .containsExactly(
              "rejected: event " + notAnEvent + " does not exist in the journal of root");
      assertThat(root.historyOf("root").records()).isEqualTo(before);
    }

    assertThat(remote("ack", "--via", "root", event, "--by", "anna").status()).isZero();
    // At once (the first ack may not be durable yet) and once it is in the store.
    CliRun again = remote("ack", "--via", "root", event, "--by", "bert");
    assertThat(again.status()).isNotZero();
    assertThat(again.errLines())
        .containsExactly("rejected: event " + event + " is already acknowledged by anna");
    await().atMost(Duration.ofSeconds(10)).until(() -> root.historyOf("root").records() == 27);
    CliRun later = remote("ack", "--via", "root", event, "--by", "bert");
    assertThat(later.errLines())
        .containsExactly("rejected: event " + event + " is already acknowledged by anna");
    assertThat(root.historyOf("root").records()).isEqualTo(27);
  }

  @Test
  void acknowledgingAClearedEventIsRefusedAndWritesNothing() {
    String event = raised();
    root.historyClear(event, "CO back below 900 ppm");
    // At once (the clear may not be durable yet) and once it is in the store.
    CliRun now = remote("ack", "--via", "root", event, "--by", "anna");
    assertThat(now.status()).isNotZero();
    assertThat(now.errLines())
        .containsExactly(
            "rejected: event " + event + " is already cleared (CO back below 900 ppm)");
    await().atMost(Duration.ofSeconds(10)).until(() -> root.historyOf("root").records() == 27);
    // After a restart only the store knows the event was cleared.
    root.close();
    root = runRoot();
    CliRun later = remote("ack", "--via", "root", event, "--by", "anna");
    assertThat(later.status()).isNotZero();
    assertThat(later.errLines())
        .containsExactly(
            "rejected: event " + event + " is already cleared (CO back below 900 ppm)");
    assertThat(root.historyOf("root").records()).isEqualTo(27);
  }

  /** Raises an event at the root and waits until it is in the store; returns its id. */
  private String raised() {
    String event = root.historyRaise("root/air/co_ppm", "CO above 900 ppm");
    await().atMost(Duration.ofSeconds(10)).until(() -> root.historyOf("root").records() == 26);
    return event;
  }

  @Test
  void badInputIsOneClearLine() {
    CliRun badEvent = remote("ack", "--via", "root", "nohash");
    assertThat(badEvent.status()).isNotZero();
    assertThat(badEvent.errLines()).hasSize(1);
    assertThat(badEvent.err()).contains("'nohash' is not an event id of the form OWNER#SEQ");

    CliRun badTime = remote("history", "--via", "root", "root/x", "--from", "noon");
    assertThat(badTime.status()).isNotZero();
    assertThat(badTime.err()).contains("--from 'noon' is neither an ISO-8601 instant");

    CliRun badBand =
        CliRun.of(
            "run",
            "--insecure",
            "--topology",
            file.toString(),
            "--node",
            "root",
            "--history-deadband",
            "-1");
    assertThat(badBand.status()).isEqualTo(2);
    assertThat(badBand.err()).contains("--history-deadband must be a number >= 0, not -1.0");
    CliRun badAge =
        CliRun.of(
            "run",
            "--insecure",
            "--topology",
            file.toString(),
            "--node",
            "root",
            "--history-max-age",
            "forever");
    assertThat(badAge.status()).isEqualTo(2);
    assertThat(badAge.err()).contains("--history-max-age 'forever' is not a duration");
  }

  /**
   * Runs a command that asks the running station: plain text (it runs --insecure), this test's
   * topology, and time enough for a loaded machine (the tests check what is printed, not speed).
   */
  private CliRun remote(String command, String... rest) {
    String[] args = new String[6 + rest.length];
    args[0] = command;
    args[1] = "--insecure";
    args[2] = "--timeout";
    args[3] = "20000";
    args[4] = "--topology";
    args[5] = file.toString();
    System.arraycopy(rest, 0, args, 6, rest.length);
    return CliRun.of(args);
  }
}
