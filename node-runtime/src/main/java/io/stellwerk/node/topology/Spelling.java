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

  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
