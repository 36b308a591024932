package io.stellwerk.node.topology;

import static io.stellwerk.node.topology.Topologies.assertSameModel;
import static io.stellwerk.node.topology.Topologies.exampleTopology;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every shipped example loads, and the writer reproduces it in canonical form. */
class ExamplesTest {

  static List<Path> examples() {
    return Topologies.exampleFiles();
  }

  @Test
  void theFourShippedExamplesAreFound() {
    assertThat(examples())
        .extracting(p -> p.getFileName().toString())
        .contains("tunnel.yaml", "large.yaml", "ha-middle.yaml", "single-level-ha.yaml");
  }

  @ParameterizedTest
  @MethodSource("examples")
  void exampleLoadsWithoutProblems(Path example) {
    LoadResult r = TopologyLoader.load(example);
    assertThat(r.problems()).isEmpty();
    assertThat(r.ok()).isTrue();
  }

  @Test
  void largeExampleHasAtLeastFiveHundredNodes() {
    Topology t = exampleTopology("large.yaml");
    assertThat(t.nodes()).hasSizeGreaterThanOrEqualTo(500);
    assertThat(t.depth()).isEqualTo(4);
  }

  @Test
  void tunnelExampleIsThePairedRootWithTwoSectionsAndAPump() {
    Topology t = exampleTopology("tunnel.yaml");
    assertThat(t.federation()).isEqualTo("tunnel-north");
    assertThat(t.nodes())
        .extracting(TopologyNode::id)
        .containsExactly("root", "root.s1", "root.s1.pump1", "root.s2");
    assertThat(t.root().isPair()).isTrue();
    assertThat(t.stations()).hasSize(5);
    assertThat(t.depth()).isEqualTo(3);
  }

  @ParameterizedTest
  @MethodSource("examples")
  void writtenExampleLoadsBackToAnEqualModel(Path example) {
    Topology original = TopologyLoader.load(example).topology();
    LoadResult reloaded = TopologyLoader.parse("written.yaml", TopologyWriter.write(original));
    assertThat(reloaded.problems()).isEmpty();
    assertSameModel(reloaded.topology(), original);
  }

  @ParameterizedTest
  @MethodSource("examples")
  void writingIsStable(Path example) {
    String once = TopologyWriter.write(TopologyLoader.load(example).topology());
    String twice = TopologyWriter.write(TopologyLoader.parse("once.yaml", once).topology());
    assertThat(twice).isEqualTo(once);
  }

  @ParameterizedTest
  @MethodSource("examples")
  void examplesAreInCanonicalFormApartFromTheirLeadingComments(Path example) throws IOException {
    String text = Files.readString(example);
    String withoutComments = text.replaceFirst("\\A(#[^\\n]*\\n)+", "");
    assertThat(withoutComments).as("the example starts with comments").isNotEqualTo(text);
    assertThat(TopologyWriter.write(TopologyLoader.load(example).topology()))
        .isEqualTo(withoutComments);
  }

  @Test
  void annotatedExampleOfTheArchitectureDocumentLoads() throws IOException {
    Path doc = Topologies.examples().resolveSibling("docs").resolve("ARCHITECTURE.md");
    String text = Files.readString(doc);
    int start = text.indexOf("```yaml\n");
    assertThat(start).as("a yaml block in " + doc).isNotNegative();
    String yaml = text.substring(start + 8, text.indexOf("```", start + 8));
    LoadResult r = TopologyLoader.parse("ARCHITECTURE.md", yaml);
    assertThat(r.problems()).isEmpty();
    assertThat(r.topology().nodes())
        .extracting(TopologyNode::id)
        .containsExactlyElementsOf(
            exampleTopology("tunnel.yaml").nodes().stream().map(TopologyNode::id).toList());
    assertThat(r.topology().require("root.s2").options().isDefault()).isFalse();
  }
}
