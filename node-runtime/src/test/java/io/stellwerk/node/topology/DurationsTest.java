package io.stellwerk.node.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

  @ParameterizedTest(name = "{0} = {1} ms")
  @CsvSource({
    "250ms, 250",
    "0ms, 0",
    "2s, 2000",
    "1.5s, 1500",
    "0.001s, 1",
    "1m, 60000",
    "0.5m, 30000",
    "' 2 s ', 2000",
    "999999999ms, 999999999"
  })
  void writtenDurationsParseToMilliseconds(String text, long millis) {
    assertThat(Durations.parse(text)).contains(Duration.ofMillis(millis));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "250",
        "ms",
        "-1s",
        "1h",
        "2 seconds",
        "1.5ms",
        "0.0001s",
        "1.2345s",
        "1,5s",
        "1e3ms",
        "1000000000ms",
        "1S"
      })
  void textThatIsNotADurationIsRejected(String text) {
    assertThat(Durations.parse(text)).isEmpty();
  }

  @ParameterizedTest(name = "{0} ms = {1}")
  @CsvSource({
    "250, 250ms",
    "0, 0ms",
    "1000, 1s",
    "1500, 1500ms",
    "60000, 1m",
    "90000, 90s",
    "120000, 2m"
  })
  void formatGivesTheShortestExactText(long millis, String text) {
    assertThat(Durations.format(Duration.ofMillis(millis))).isEqualTo(text);
  }

  @Test
  void formattedDurationsParseBack() {
    java.util.Random r = new java.util.Random(42L);
    for (int i = 0; i < 1000; i++) {
      long millis =
          i < 3 ? new long[] {0, 60_000, 999_999_999}[i] : (long) (r.nextDouble() * 1_000_000_000L);
      Duration d = Duration.ofMillis(millis);
      assertThat(Durations.parse(Durations.format(d))).as("%d ms", millis).contains(d);
    }
  }
}
