package io.stellwerk.node.topology;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SpellingTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "hots, host",
    "pari, pair",
    "prot, port",
    "idd, id",
    "chidren, children",
    "childern, children",
    "optoins, options",
    "hostt, host"
  })
  void typoOfANodeFieldSuggestsThatField(String typo, String field) {
    assertThat(Spelling.closest(typo, TopologyParser.NODE_FIELDS)).contains(field);
  }

  @ParameterizedTest
  @ValueSource(strings = {"colour", "address", "parent", "weight"})
  void wordFarFromEveryFieldSuggestsNothing(String word) {
    assertThat(Spelling.closest(word, TopologyParser.NODE_FIELDS)).isEmpty();
  }

  @ParameterizedTest(name = "{0} / {1} = {2}")
  @CsvSource({
    "host, host, 0",
    "hots, host, 1",
    "ab, ba, 1",
    "'', abc, 3",
    "kitten, sitting, 3",
    "pari, port, 2"
  })
  void distanceCountsInsertionsDeletionsSubstitutionsAndSwaps(String a, String b, int d) {
    assertThat(Spelling.distance(a, b)).isEqualTo(d);
    assertThat(Spelling.distance(b, a)).isEqualTo(d);
  }
}
