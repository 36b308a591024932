package io.stellwerk.node.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Test fixtures: topology texts, the example files and a few assertions on load results. */
public final class Topologies {

  /** The name problems carry when a test parses text. */
  public static final String NAME = "t.yaml";

  private Topologies() {}

  /** Loads text as if it came from a file called {@link #NAME}. */
  public static LoadResult load(String text) {
    return TopologyLoader.parse(NAME, text);
  }

  /** The valid topology of the text, failing the test with the problems when it is invalid. */
  public static Topology valid(String text) {
    LoadResult r = load(text);
    assertThat(r.problems()).as("problems").isEmpty();
    return r.topology();
  }

  /** The one problem the text has, failing the test when it has none or several. */
  public static Problem onlyProblem(String text) {
    LoadResult r = load(text);
    assertThat(r.ok()).as("ok").isFalse();
    assertThat(r.topology()).as("no model for an invalid file").isNull();
    assertThat(r.problems()).as("problems").hasSize(1);
    return r.problems().get(0);
  }

  /** The examples folder, set by surefire as {@code stellwerk.examples}. */
  public static Path examples() {
    String dir = System.getProperty("stellwerk.examples");
    assertThat(dir).as("system property stellwerk.examples").isNotNull();
    return Path.of(dir);
  }

  /** One example file. */
  public static Path example(String name) {
    return examples().resolve(name);
  }

  /** Every {@code examples/*.yaml}, sorted by name. */
  public static List<Path> exampleFiles() {
    try (Stream<Path> files = Files.list(examples())) {
      List<Path> out =
          files.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList();
      assertThat(out).as("example files").isNotEmpty();
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A loaded, valid example. */
  public static Topology exampleTopology(String name) {
    LoadResult r = TopologyLoader.load(example(name));
    assertThat(r.problems()).as("problems of " + name).isEmpty();
    return r.topology();
  }

  /** A file under {@code src/test/resources/topologies}. */
  public static Path resource(String name) {
    try {
      return Path.of(Topologies.class.getResource("/topologies/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Asserts where a problem stands, in which file, and what its message says. */
  public static void assertProblem(Problem p, int line, int column, String gist) {
    assertThat(p.file()).as("file of " + p).isEqualTo(NAME);
    assertThat(List.of(p.line(), p.column()))
        .as("line and column of " + p)
        .containsExactly(line, column);
    assertThat(p.message()).as("message").contains(gist);
  }

  /**
   * A valid root (10.0.0.1:7000, lines 1-6) whose only child is the given YAML; the child's first
   * line is line 7, indented by four, so its {@code id} value starts in column 11 and the values of
   * its other fields in column 13.
   */
  public static String rootWithChild(String child) {
    return """
        federation: test
        root:
          id: root
          host: 10.0.0.1
          port: 7000
          children:
        """
        + child.indent(4);
  }

  /** Asserts two topologies hold the same federation, defaults and node tree. */
  public static void assertSameModel(Topology actual, Topology expected) {
    assertThat(actual.federation()).isEqualTo(expected.federation());
    assertThat(actual.defaults()).isEqualTo(expected.defaults());
    assertThat(actual.root()).isEqualTo(expected.root());
  }
}
