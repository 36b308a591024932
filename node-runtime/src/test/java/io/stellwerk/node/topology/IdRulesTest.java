package io.stellwerk.node.topology;

import static io.stellwerk.node.topology.Topologies.assertProblem;
import static io.stellwerk.node.topology.Topologies.load;
import static io.stellwerk.node.topology.Topologies.onlyProblem;
import static io.stellwerk.node.topology.Topologies.rootWithChild;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Node ids: present, well formed, placed under their parent, unique. */
class IdRulesTest {

  @Test
  void missingIdIsReportedAtTheStartOfTheNode() {
    assertProblem(
        onlyProblem(rootWithChild("- host: 10.0.0.2\n  port: 7000")),
        7,
        7,
        "a child of root has no 'id'");
  }

  @Test
  void missingRootIdIsReportedAtTheStartOfTheRoot() {
    String text =
        """
        federation: test
        root:
          host: 10.0.0.1
          port: 7000
        """;
    assertProblem(onlyProblem(text), 3, 3, "the root node has no 'id'");
  }

  @Test
  void emptyIdIsReportedAsEmpty() {
    assertProblem(
        onlyProblem(rootWithChild("- id: ''\n  host: 10.0.0.2\n  port: 7000")),
        7,
        11,
        "'id' of a child of root is empty");
  }

  @ParameterizedTest
  @ValueSource(strings = {"root.1a", "root.a!", "root.", "root..a", "root._a", "root.a/b"})
  void malformedIdIsReportedWithTheSyntax(String id) {
    assertProblem(
        onlyProblem(rootWithChild("- id: " + id + "\n  host: 10.0.0.2\n  port: 7000")),
        7,
        11,
        "id '" + id + "' is not valid: ids are dot paths of names that start with a letter");
  }

  @ParameterizedTest
  @ValueSource(strings = {"other.a", "root.x.a", "rootx", "a"})
  void childIdMustExtendItsParentsIdByOneName(String id) {
    assertProblem(
        onlyProblem(rootWithChild("- id: " + id + "\n  host: 10.0.0.2\n  port: 7000")),
        7,
        11,
        "id '" + id + "' does not fit its place: a child of root must be named root.<name>");
  }

  @Test
  void rootIdMustNotHoldDots() {
    String text =
        """
        federation: test
        root:
          id: tunnel.root
          host: 10.0.0.1
          port: 7000
        """;
    assertProblem(
        onlyProblem(text), 3, 7, "the root's id 'tunnel.root' must be a single name without dots");
  }

  @Test
  void duplicateIdNamesTheLineOfTheFirstUse() {
    String text =
        rootWithChild(
            """
            - id: root.a
              host: 10.0.0.2
              port: 7000
            - id: root.a
              host: 10.0.0.3
              port: 7000
            """);
    assertProblem(onlyProblem(text), 10, 11, "duplicate id 'root.a': it is already used on line 7");
  }

  @Test
  void childrenOfANodeWithoutIdAreNotBlamedForIt() {
    String text =
        rootWithChild(
            """
            - host: 10.0.0.2
              port: 7000
              children:
                - id: root.a.b
                  host: 10.0.0.3
                  port: 7000
            """);
    assertThat(load(text).problems())
        .singleElement()
        .satisfies(p -> assertProblem(p, 7, 7, "a child of root has no 'id'"));
  }
}
