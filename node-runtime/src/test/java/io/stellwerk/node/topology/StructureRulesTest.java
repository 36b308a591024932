package io.stellwerk.node.topology;

import static io.stellwerk.node.topology.Topologies.assertProblem;
import static io.stellwerk.node.topology.Topologies.load;
import static io.stellwerk.node.topology.Topologies.onlyProblem;
import static io.stellwerk.node.topology.Topologies.rootWithChild;
import static io.stellwerk.node.topology.Topologies.valid;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The shape of the file: YAML syntax, known fields, required fields, how a node gives its address
 * and how deep the tree goes.
 */
class StructureRulesTest {

  @Test
  void malformedYamlIsReportedWhereTheParserStopped() {
    String text =
        """
        federation: test
        root:
          id: root
          host: 10.0.0.1
          port: 7000: 1
        """;
    assertProblem(onlyProblem(text), 5, 13, "malformed YAML: mapping values are not allowed here");
  }

  @Test
  void topLevelMustBeAMapping() {
    assertProblem(
        onlyProblem("- federation\n- root\n"),
        1,
        1,
        "the top level must be a mapping with 'federation', 'defaults' and 'root'");
  }

  @Test
  void fileWithoutRootSaysSo() {
    assertProblem(onlyProblem("federation: test\n"), 1, 1, "the topology has no 'root' node");
  }

  @Test
  void fileWithoutFederationSaysSo() {
    String text =
        """
        root:
          id: root
          host: 10.0.0.1
          port: 7000
        """;
    assertProblem(onlyProblem(text), 1, 1, "the top level has no 'federation'");
  }

  @Test
  void misspelledFieldSuggestsTheIntendedOneAndIsTheOnlyProblem() {
    String text =
        """
        federation: test
        root:
          id: root
          hots: 10.0.0.1
          port: 7000
        """;
    assertProblem(
        onlyProblem(text),
        4,
        3,
        "unknown field 'hots' in the root node (did you mean 'host'?); expected one of: id, host,"
            + " port, pair, plc, options, children");
  }

  @Test
  void missingHostWithoutATypoIsReported() {
    String text =
        """
        federation: test
        root:
          id: root
          port: 7000
        """;
    assertProblem(onlyProblem(text), 3, 3, "node root has no 'host'");
  }

  @Test
  void unknownFieldFarFromAnyKnownOneHasNoSuggestion() {
    String text =
        """
        federation: test
        root:
          id: root
          host: 10.0.0.1
          port: 7000
          colour: red
        """;
    Problem p = onlyProblem(text);
    assertProblem(p, 6, 3, "unknown field 'colour' in the root node; expected one of:");
    assertThat(p.message()).doesNotContain("did you mean");
  }

  @Test
  void misspelledTopLevelFieldExplainsTheMissingFederation() {
    String text =
        """
        federaton: test
        root:
          id: root
          host: 10.0.0.1
          port: 7000
        """;
    assertProblem(
        onlyProblem(text),
        1,
        1,
        "unknown field 'federaton' in the top level (did you mean 'federation'?)");
  }

  @Test
  void misspelledRootExplainsTheMissingRoot() {
    String text =
        """
        federation: test
        rot:
          id: root
          host: 10.0.0.1
          port: 7000
        """;
    assertProblem(
        onlyProblem(text), 2, 1, "unknown field 'rot' in the top level (did you mean 'root'?)");
  }

  @Test
  void misspelledHostAndPortAreTheOnlyProblemsNotAlsoAMissingAddress() {
    String text =
        """
        federation: test
        root:
          id: root
          hots: 10.0.0.1
          prot: 7000
        """;
    assertThat(load(text).problems())
        .satisfiesExactly(
            p ->
                assertProblem(
                    p, 4, 3, "unknown field 'hots' in the root node (did you mean 'host'?)"),
            p ->
                assertProblem(
                    p, 5, 3, "unknown field 'prot' in the root node (did you mean 'port'?)"));
  }

  @Test
  void misspelledHostWithoutPortReportsTheMissingPort() {
    String text =
        """
        federation: test
        root:
          id: root
          hots: 10.0.0.1
        """;
    assertThat(load(text).problems())
        .satisfiesExactly(
            p -> assertProblem(p, 3, 3, "node root has no 'port'"),
            p ->
                assertProblem(
                    p, 4, 3, "unknown field 'hots' in the root node (did you mean 'host'?)"));
  }

  @Test
  void misspelledPairExplainsTheMissingAddress() {
    String text =
        """
        federation: test
        root:
          id: root
          pari:
            primary: {host: 10.0.0.1, port: 7000}
            backup: {host: 10.0.0.2, port: 7000}
        """;
    assertProblem(
        onlyProblem(text), 4, 3, "unknown field 'pari' in the root node (did you mean 'pair'?)");
  }

  @Test
  void misspelledFieldOfAPeerExplainsItsMissingHost() {
    String text =
        """
        federation: test
        root:
          id: root
          pair:
            primary: {hots: 10.0.0.1, port: 7000}
            backup: {host: 10.0.0.2, port: 7000}
        """;
    assertProblem(
        onlyProblem(text),
        5,
        15,
        "unknown field 'hots' in the primary peer of root (did you mean 'host'?)");
  }

  @Test
  void misspelledPeerExplainsTheMissingPeer() {
    String text =
        """
        federation: test
        root:
          id: root
          pair:
            primery: {host: 10.0.0.1, port: 7000}
            backup: {host: 10.0.0.2, port: 7000}
        """;
    assertProblem(
        onlyProblem(text),
        5,
        5,
        "unknown field 'primery' in the pair of node root (did you mean 'primary'?)");
  }

  @Test
  void misspelledOptionSuggestsTheOption() {
    String text =
        rootWithChild(
            """
            - id: root.a
              host: 10.0.0.2
              port: 7000
              options:
                heartbeet: 1s
            """);
    assertProblem(
        onlyProblem(text),
        11,
        9,
        "unknown field 'heartbeet' in the options of root.a (did you mean 'heartbeat'?)");
  }

  @Test
  void fieldGivenTwiceIsReportedAtTheSecond() {
    String text =
        """
        federation: test
        root:
          id: root
          host: 10.0.0.1
          port: 7000
          port: 7100
        """;
    assertProblem(onlyProblem(text), 6, 3, "field 'port' appears twice in the root node");
  }

  @Test
  void nodeWithoutAnyAddressSaysHowToGiveOne() {
    assertProblem(
        onlyProblem(rootWithChild("- id: root.a\n  plc: {kind: simulator}")),
        7,
        7,
        "node root.a has no address: give it host and port, or a pair of primary and backup"
            + " peers");
  }

  @Test
  void nodeWithBothAnAddressAndAPairIsReportedAtThePair() {
    String text =
        """
        federation: test
        root:
          id: root
          host: 10.0.0.1
          port: 7000
          pair:
            primary: {host: 10.0.0.2, port: 7000}
            backup: {host: 10.0.0.3, port: 7000}
        """;
    assertProblem(
        onlyProblem(text),
        7,
        5,
        "node root has both host/port and a pair: a node is either a single node or a pair");
  }

  @Test
  void pairWithoutBackupNeedsBothPeers() {
    String text =
        """
        federation: test
        root:
          id: root
          pair:
            primary: {host: 10.0.0.1, port: 7000}
        """;
    assertProblem(
        onlyProblem(text),
        5,
        5,
        "pair root has no backup peer: a pair needs both primary and backup");
  }

  @Test
  void pairWithoutPrimaryNeedsBothPeers() {
    String text =
        """
        federation: test
        root:
          id: root
          pair:
            backup: {host: 10.0.0.1, port: 7000}
        """;
    assertProblem(
        onlyProblem(text),
        5,
        5,
        "pair root has no primary peer: a pair needs both primary and backup");
  }

  @Test
  void pairThatIsNotAMappingIsReported() {
    String text =
        """
        federation: test
        root:
          id: root
          pair: 10.0.0.1
        """;
    assertProblem(
        onlyProblem(text), 4, 9, "the pair of node root must be a mapping of primary and backup");
  }

  @Test
  void childrenMustBeAList() {
    String text =
        """
        federation: test
        root:
          id: root
          host: 10.0.0.1
          port: 7000
          children: root.a
        """;
    assertProblem(onlyProblem(text), 6, 13, "the children of node root must be a list of nodes");
  }

  @Test
  void treeOfTheMaximumDepthIsAccepted() {
    Topology t = valid(chain(TopologyLoader.MAX_DEPTH));
    assertThat(t.depth()).isEqualTo(TopologyLoader.MAX_DEPTH);
  }

  @Test
  void treeDeeperThanTheMaximumIsReportedAtTheChildrenThatGoTooDeep() {
    int tooDeep = TopologyLoader.MAX_DEPTH + 1;
    // chain(n) writes level l's "- id:" on line 3 + 4(l-1), its dash in column 4(l-1) + 1.
    assertProblem(
        onlyProblem(chain(tooDeep)),
        3 + 4 * (tooDeep - 1),
        4 * (tooDeep - 1) + 1,
        "the tree is deeper than "
            + TopologyLoader.MAX_DEPTH
            + " levels: the children of "
            + chainId(TopologyLoader.MAX_DEPTH)
            + " would be on level "
            + tooDeep);
  }

  /** A chain of single nodes n1, n1.n2, ... with the given number of levels. */
  static String chain(int levels) {
    StringBuilder out = new StringBuilder("federation: test\nroot:\n");
    for (int level = 1; level <= levels; level++) {
      String indent = " ".repeat(2 + 4 * (level - 1));
      String first = level == 1 ? indent : " ".repeat(indent.length() - 2) + "- ";
      out.append(first).append("id: ").append(chainId(level)).append('\n');
      out.append(indent).append("host: 10.0.0.").append(level).append('\n');
      out.append(indent).append("port: 7000\n");
      if (level < levels) {
        out.append(indent).append("children:\n");
      }
    }
    return out.toString();
  }

  private static String chainId(int level) {
    StringBuilder id = new StringBuilder("n1");
    for (int l = 2; l <= level; l++) {
      id.append(".n").append(l);
    }
    return id.toString();
  }
}
