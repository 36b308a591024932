package io.stellwerk.node.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The hand-written id check accepts exactly what the documented id grammar accepts. */
class NodeIdsTest {

  // The grammar as written in the topology reference: dot-separated segments, each a letter and up
  // to 62 letters, digits, '_' or '-'; at most 255 characters in all.
  private static final Pattern GRAMMAR =
      Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,62}(\\.[A-Za-z][A-Za-z0-9_-]{0,62})*");

  private static boolean grammar(String id) {
    return id.length() <= 255 && GRAMMAR.matcher(id).matches();
  }

  @Test
  void edgeCases() {
    String seg63 = "a" + "b".repeat(62);
    for (String id :
        new String[] {
          "root",
          "root.s1",
          "r-1_x.Y2",
          seg63,
          seg63 + "b",
          "",
          ".",
          "root.",
          ".root",
          "root..s1",
          "1root",
          "root.1s",
          "root.s 1",
          "root.s1[primary]",
          "röot",
          "root._x",
          "root.-x",
          (seg63 + ".").repeat(4) + "abc",
          (seg63 + ".").repeat(4) + "abcd"
        }) {
      assertThat(NodeIds.isValid(id)).as(id).isEqualTo(grammar(id));
    }
    assertThat(NodeIds.isValid(null)).isFalse();
  }

  @Test
  void agreesWithTheGrammarOnRandomIds() {
    Random random = new Random(11);
    String alphabet = "aZ09_-.[]é ";
    for (int i = 0; i < 200_000; i++) {
      StringBuilder b = new StringBuilder();
      int length = random.nextInt(i % 100 == 0 ? 300 : 12);
      for (int j = 0; j < length; j++) {
        b.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String id = b.toString();
      assertThat(NodeIds.isValid(id)).as(id).isEqualTo(grammar(id));
    }
  }
}
