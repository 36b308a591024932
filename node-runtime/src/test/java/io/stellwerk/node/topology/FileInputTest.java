package io.stellwerk.node.topology;

import static io.stellwerk.node.topology.Topologies.assertProblem;
import static io.stellwerk.node.topology.Topologies.onlyProblem;
import static io.stellwerk.node.topology.Topologies.resource;
import static io.stellwerk.node.topology.Topologies.rootWithChild;
import static io.stellwerk.node.topology.Topologies.valid;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the loader does with files that are not a topology at all, and with several mistakes. */
class FileInputTest {

  @TempDir Path dir;

  private static final String VALID =
      """
      federation: test
      root:
        id: root
        host: 10.0.0.1
        port: 7000
      """;

  /** The only problem of a file, which must be at 1:1 and carry the file's name. */
  private static Problem onlyProblemOf(Path file) {
    LoadResult r = TopologyLoader.load(file);
    assertThat(r.ok()).isFalse();
    assertThat(r.problems()).hasSize(1);
    Problem p = r.problems().get(0);
    assertThat(p.file()).isEqualTo(file.toString());
    assertThat(List.of(p.line(), p.column())).containsExactly(1, 1);
    return p;
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "\n", "   \n\t\n"})
  void emptyFileNeedsAFederationAndARoot(String text) {
    assertProblem(
        onlyProblem(text),
        1,
        1,
        "the file is empty: a topology needs a federation name and a root node");
  }

  @Test
  void fileOfOnlyCommentsIsEmpty() {
    assertProblem(
        onlyProblem("# the north tunnel\n# to be drawn\n"),
        1,
        1,
        "the file is empty: a topology needs a federation name and a root node");
  }

  @Test
  void fileOverTheSizeLimitIsRejectedWithoutReadingIt() throws IOException {
    Path big = dir.resolve("big.yaml");
    try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
      f.setLength(TopologyLoader.MAX_FILE_BYTES + 1L);
    }
    assertThat(onlyProblemOf(big).message())
        .isEqualTo(
            "the file is 4194305 bytes, larger than the limit of 4194304 bytes for a topology");
  }

  @Test
  void fileOfExactlyTheSizeLimitIsRead() throws IOException {
    Path full = dir.resolve("full.yaml");
    byte[] comments = new byte[TopologyLoader.MAX_FILE_BYTES];
    for (int i = 0; i < comments.length; i++) {
      comments[i] = (byte) (i % 64 == 0 ? '#' : i % 64 == 63 ? '\n' : 'x');
    }
    Files.write(full, comments);
    assertThat(onlyProblemOf(full).message()).startsWith("the file is empty");
  }

  @Test
  void bytesOverTheSizeLimitAreRejected() {
    LoadResult r = TopologyLoader.parse("t.yaml", new byte[TopologyLoader.MAX_FILE_BYTES + 1]);
    assertThat(r.problems())
        .singleElement()
        .satisfies(
            p ->
                assertProblem(
                    p, 1, 1, "the file is larger than the limit of 4194304 bytes for a topology"));
  }

  @Test
  void garbageBytesAreNotATextFile() throws IOException {
    Path garbage = dir.resolve("garbage.yaml");
    Files.write(garbage, new byte[] {(byte) 0xC3, 0x28, (byte) 0xFF, (byte) 0xFE, 0x7F, 0x00});
    assertThat(onlyProblemOf(garbage).message())
        .isEqualTo(
            "this is not a text file (it is not valid UTF-8): a topology is a YAML text file");
  }

  @Test
  void nulBytesInOtherwiseValidTextAreNotATextFile() throws IOException {
    Path withNul = dir.resolve("nul.yaml");
    Files.writeString(withNul, VALID.replace("root:", "root:\0"), StandardCharsets.UTF_8);
    assertThat(onlyProblemOf(withNul).message())
        .isEqualTo(
            "this is not a text file (it contains NUL bytes): a topology is a YAML text file");
  }

  @Test
  void directoryIsNotATopologyFile() {
    assertThat(onlyProblemOf(dir).message()).isEqualTo("is a directory, not a topology file");
  }

  @Test
  void missingFileSaysThereIsNoSuchFile() {
    assertThat(onlyProblemOf(dir.resolve("absent.yaml")).message()).isEqualTo("no such file");
  }

  @Test
  void validFileFromDiskLoads() throws IOException {
    Path file = dir.resolve("ok.yaml");
    Files.writeString(file, VALID);
    LoadResult r = TopologyLoader.load(file);
    assertThat(r.ok()).isTrue();
    assertThat(r.topology().federation()).isEqualTo("test");
  }

  @Test
  void windowsLineEndingsKeepTheLineNumbers() {
    String text = rootWithChild("- id: root.a\n  host: 10.0.0.256\n  port: 7000");
    assertProblem(onlyProblem(text.replace("\n", "\r\n")), 8, 13, "host '10.0.0.256'");
  }

  @Test
  void byteOrderMarkAtTheStartIsAccepted() {
    LoadResult r =
        TopologyLoader.parse("t.yaml", ("\uFEFF" + VALID).getBytes(StandardCharsets.UTF_8));
    assertThat(r.problems()).isEmpty();
  }

  @Test
  void threeIndependentMistakesGiveExactlyThreeProblemsInFileOrder() {
    Path file = resource("three-mistakes.yaml");
    List<Problem> problems = TopologyLoader.load(file).problems();
    assertThat(problems)
        .extracting(Problem::line, Problem::column)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(9, 13),
            org.assertj.core.groups.Tuple.tuple(14, 19),
            org.assertj.core.groups.Tuple.tuple(15, 11));
    assertThat(problems)
        .extracting(Problem::message)
        .satisfiesExactly(
            m -> assertThat(m).startsWith("host '10.0.1.300' is not an IPv4 address"),
            m -> assertThat(m).startsWith("unknown PLC kind 's5' for root.b"),
            m -> assertThat(m).isEqualTo("duplicate id 'root.a': it is already used on line 8"));
    assertThat(problems).allSatisfy(p -> assertThat(p.file()).isEqualTo(file.toString()));
  }

  @Test
  void problemsCarryTheNodeAndFieldForEditors() {
    Problem p = onlyProblem(rootWithChild("- id: root.a\n  host: 10.0.0.2\n  port: 80"));
    assertThat(p.nodeId()).isEqualTo("root.a");
    assertThat(p.field()).isEqualTo("port");
    assertThat(p.format()).startsWith("t.yaml:9:13: port 80 of root.a");
  }

  @Test
  void validFileHasNoProblems() {
    assertThat(valid(VALID).nodes()).hasSize(1);
  }
}
