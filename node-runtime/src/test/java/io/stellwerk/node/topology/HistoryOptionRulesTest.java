package io.stellwerk.node.topology;

import static io.stellwerk.node.topology.Topologies.assertProblem;
import static io.stellwerk.node.topology.Topologies.onlyProblem;
import static io.stellwerk.node.topology.Topologies.rootWithChild;
import static io.stellwerk.node.topology.Topologies.valid;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The history options of a node: what it records and how long it keeps it. */
class HistoryOptionRulesTest {

  private static String childWithOption(String name, String value) {
    return rootWithChild(
        "- id: root.a\n  host: 10.0.0.2\n  port: 7000\n  options:\n    " + name + ": " + value);
  }

  @Test
  void historyOptionsAreReadIntoTheModelAndWrittenBack() {
    String text =
        rootWithChild(
            """
            - id: root.a
              host: 10.0.0.2
              port: 7000
              options:
                history-keys: [root.a/air/, root.a/fan1/speed]
                history-deadband: 0.5
                history-min-interval: 2s
                history-max-age: 30m
            """);
    Topology t = valid(text);
    assertThat(t.require("root.a").options().history())
        .isEqualTo(
            new HistorySettings(
                List.of("root.a/air/", "root.a/fan1/speed"),
                0.5,
                Duration.ofSeconds(2),
                Duration.ofMinutes(30)));
    Topology again = valid(TopologyWriter.write(t));
    assertThat(again.require("root.a").options()).isEqualTo(t.require("root.a").options());
    assertThat(valid(childWithOption("heartbeat", "1s")).require("root.a").options().history())
        .isEqualTo(HistorySettings.none());
  }

  @Test
  void aKeyPrefixOfAnotherNodeIsReportedWhereItStands() {
    assertProblem(
        onlyProblem(childWithOption("history-keys", "[root.a/air/, root/x]")),
        11,
        37,
        "history key 'root/x' of root.a is not one of its own keys");
  }

  @Test
  void badHistoryValuesAreReportedAtTheirValue() {
    assertProblem(
        onlyProblem(childWithOption("history-deadband", "-1")),
        11,
        27,
        "options.history-deadband '-1' of root.a must be a number >= 0");
    assertProblem(
        onlyProblem(childWithOption("history-max-age", "forever")),
        11,
        26,
        "options.history-max-age 'forever' is not a duration");
    assertProblem(
        onlyProblem(childWithOption("history-keys", "root.a/air/")),
        11,
        23,
        "options.history-keys of root.a must be a list of key prefixes");
  }
}
