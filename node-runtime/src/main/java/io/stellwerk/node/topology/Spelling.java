package io.stellwerk.node.topology;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/** Suggests the field a typo most likely meant (edit distance of at most two). */
final class Spelling {

  private Spelling() {}

  static Optional<String> closest(String word, Collection<String> candidates) {
    return candidates.stream()
        .filter(c -> distance(word, c) <= 2)
        .min(Comparator.comparingInt(c -> distance(word, c)));
  }

  /**
   * Edit distance counting a swap of two neighbouring letters as one edit (optimal string
   * alignment), since {@code pari} for {@code pair} is the commonest typo of all.
   */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
