package io.stellwerk.node.topology;

import static io.stellwerk.node.topology.Topologies.assertSameModel;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random damage to a valid topology never makes the loader throw: it always answers with a model or
 * with located problems. Seeded random edits keep every failure reproducible.
 */
class MutatedTopologyTest {

  /** Uses every kind of field, so mutations reach every part of the parser and validator. */
  static final String VALID =
      """
      federation: tunnel-north
      defaults:
        heartbeat: 100ms
        missed-beats: 3
      root:
        id: root
        pair:
          primary: {host: 127.0.1.1, port: 7100}
          backup: {host: 127.0.1.2, port: 7100}
        options:
          subtree-only: false
          heartbeat: 200ms
        children:
          - id: root.s1
            host: plant-s1.example.org
            port: 7100
            plc: {kind: simulator, rate: 5, fans: 4, seed: 7}
            children:
              - id: root.s1.pump1
                host: 10.0.1.5
                port: 7100
                options: {missed-beats: 5}
          - id: root.s2
            host: 127.0.1.4
            port: 7110
      """;

  private static final List<String> SNIPPETS =
      List.of(
          ":",
          ": ",
          "- ",
          "-",
          "[",
          "]",
          "{",
          "}",
          ",",
          "&a ",
          "*a",
          "!!binary ",
          "!x ",
          "'",
          "\"",
          "#",
          "\t",
          "? ",
          "|",
          ">",
          "\n",
          "\r\n",
          "---\n",
          "...\n",
          "%YAML 1.2\n",
          "\0",
          "\uFEFF",
          "~",
          "null",
          "true",
          "  ",
          "root",
          "id: root",
          "host: ",
          "port: ",
          "pair:",
          "children:",
          "99999999999999999999",
          "-1",
          "0.0.0.0",
          "224.0.0.1",
          "1e309",
          "\u00e9",
          "\uD83D\uDE00",
          "<<: *a",
          "&a [*a, *a]",
          "options:",
          "plc: {kind: x}",
          "\\",
          "%",
          "@",
          "`");

  /** One edit: what to do, where (as a fraction of the text), a second place, what to insert. */
  record Mutation(int kind, double at, double other, String snippet) {

    String apply(String text) {
      int n = text.length();
      int i = (int) (at * n);
      int j = (int) (other * n);
      List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
      int li = (int) (at * lines.size());
      int lj = (int) (other * lines.size());
      return switch (kind) {
        case 0 -> text.substring(0, i) + snippet + text.substring(i);
        case 1 -> text.substring(0, Math.min(i, j)) + text.substring(Math.max(i, j));
        case 2 -> n == 0 ? snippet : text.substring(0, i) + snippet + text.substring(i + 1);
        case 3 -> {
          lines.add(li, lines.get(li));
          yield String.join("\n", lines);
        }
        case 4 -> {
          String t = lines.get(li);
          lines.set(li, lines.get(lj));
          lines.set(lj, t);
          yield String.join("\n", lines);
        }
        case 5 -> {
          lines.set(li, " ".repeat(1 + (int) (other * 4)) + lines.get(li));
          yield String.join("\n", lines);
        }
        default -> {
          lines.set(li, lines.get(li).stripLeading());
          yield String.join("\n", lines);
        }
      };
    }
  }

  private static Mutation randomMutation(Random r) {
    return new Mutation(
        r.nextInt(7), r.nextDouble(), r.nextDouble(), SNIPPETS.get(r.nextInt(SNIPPETS.size())));
  }

  @Test
  void mutatedTextGivesAModelOrLocatedProblemsButNeverThrows() {
    Random r = new Random(1127L);
    for (int round = 0; round < 1500; round++) {
      String text = VALID;
      int edits = 1 + r.nextInt(8);
      for (int e = 0; e < edits; e++) {
        text = randomMutation(r).apply(text);
      }
      LoadResult result = TopologyLoader.parse("m.yaml", text);
      assertWellFormed(result);
      if (result.ok()) {
        // Whatever the damage, a file that loads must survive the writer.
        LoadResult again = TopologyLoader.parse("w.yaml", TopologyWriter.write(result.topology()));
        assertThat(again.problems()).as("problems after writing").isEmpty();
        assertSameModel(again.topology(), result.topology());
      }
    }
  }

  @Test
  void flippedBytesGiveAModelOrLocatedProblemsButNeverThrow() {
    Random r = new Random(2711L);
    for (int round = 0; round < 500; round++) {
      byte[] bytes = VALID.getBytes(StandardCharsets.UTF_8);
      byte replacement = (byte) r.nextInt(256);
      int flips = 1 + r.nextInt(6);
      for (int f = 0; f < flips; f++) {
        bytes[r.nextInt(bytes.length)] = replacement;
      }
      assertWellFormed(TopologyLoader.parse("b.yaml", bytes));
    }
  }

  private static void assertWellFormed(LoadResult r) {
    assertThat(r).isNotNull();
    assertThat(r.ok()).isEqualTo(r.problems().isEmpty());
    assertThat(r.ok()).isEqualTo(r.topology() != null);
    assertThat(r.problems())
        .allSatisfy(
            p -> {
              assertThat(p.line()).as("line of %s", p).isGreaterThanOrEqualTo(1);
              assertThat(p.column()).as("column of %s", p).isGreaterThanOrEqualTo(1);
              assertThat(p.message()).as("message").isNotBlank();
            });
  }
}
