package io.stellwerk.node.topology;

import static io.stellwerk.node.topology.Topologies.assertProblem;
import static io.stellwerk.node.topology.Topologies.load;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Small files built to make the loader do unbounded work: YAML aliases that repeat a subtree and
 * nesting deeper than the YAML library's recursion can take. Each must end in problems, quickly.
 */
class HostileInputTest {

  private static final Duration BOUND = Duration.ofSeconds(20);

  private static List<Problem> problemsWithin(String text) {
    LoadResult r = assertTimeoutPreemptively(BOUND, () -> load(text));
    assertThat(r.ok()).isFalse();
    return r.problems();
  }

  @Test
  void nodeThatListsItselfAsItsChildrenThroughAnAliasIsReported() {
    String text =
        """
        federation: test
        root: &r
          id: root
          host: 10.0.0.1
          port: 7000
          children: [*r, *r, *r, *r, *r, *r, *r, *r, *r, *r]
        """;
    assertThat(problemsWithin(text))
        .singleElement()
        .satisfies(
            p ->
                assertProblem(
                    p,
                    6,
                    13,
                    "the children of node root repeat a node through a YAML alias (it is written"
                        + " on line 2): write every node out once"));
  }

  @Test
  void subtreeRepeatedThroughAliasesOnEveryLevelIsReportedOncePerList() {
    StringBuilder text = new StringBuilder("federation: test\nroot:\n  id: root\n");
    text.append("  host: 10.0.0.1\n  port: 7000\n  children:\n");
    text.append("    - &l1 {id: root.a, host: 10.0.0.2, port: 7000}\n");
    for (int level = 2; level <= 6; level++) {
      text.append("    - &l")
          .append(level)
          .append(" {id: root.b")
          .append(level)
          .append(", host: 10.0.0.2, port: 7000, children: [")
          .append(String.join(", ", java.util.Collections.nCopies(8, "*l" + (level - 1))))
          .append("]}\n");
    }
    List<Problem> problems = problemsWithin(text.toString());
    assertThat(problems)
        .filteredOn(p -> p.message().contains("repeat a node through a YAML alias"))
        .hasSize(5);
  }

  @Test
  void flowNestingDeeperThanTheParserCanFollowIsReported() throws Exception {
    String text = "federation: test\nroot: " + "[".repeat(50_000) + "]".repeat(50_000) + "\n";
    // A small stack of its own makes the overflow certain whatever -Xss the tests run with.
    FutureTask<LoadResult> task = new FutureTask<>(() -> load(text));
    new Thread(null, task, "small-stack", 256 * 1024).start();
    LoadResult r = task.get(BOUND.toSeconds(), TimeUnit.SECONDS);
    assertThat(r.problems())
        .singleElement()
        .satisfies(
            p -> assertProblem(p, 1, 1, "malformed YAML: the file is nested too deeply to read"));
  }

  @Test
  void blockNestingDeeperThanTheParserCanFollowIsReported() {
    StringBuilder text = new StringBuilder("federation: test\nroot:\n");
    for (int i = 1; i < 1_500; i++) {
      text.append(" ".repeat(i)).append("-\n");
    }
    assertThat(problemsWithin(text.toString())).isNotEmpty();
  }
}
