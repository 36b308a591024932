package io.stellwerk.node.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.stellwerk.node.dim.Entry;
import io.stellwerk.node.dim.Quality;
import io.stellwerk.node.dim.Value;
import io.stellwerk.node.dim.Version;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SamplePolicyTest {

  static Entry e(String key, double v, long ts, Quality q) {
    return new Entry(key, Value.of(v), q, ts, new Version(1, ts), false);
  }

  @Test
  void byDefaultOnlyPlcPointsAreRecordedAndEveryChange() {
    SamplePolicy p = new SamplePolicy(HistoryOptions.defaults());
    assertThat(p.records(e("root/a", 1, 0, Quality.GOOD), true, null)).isTrue();
    assertThat(p.records(e("root/ha/state", 1, 0, Quality.GOOD), false, null)).isFalse();
    assertThat(p.records(e("root/a", 1.01, 1, Quality.GOOD), true, e("root/a", 1, 0, Quality.GOOD)))
        .isTrue();
  }

  @Test
  void configuredPrefixesDeadbandAndMinimumIntervalFilterSamples() {
    SamplePolicy p =
        new SamplePolicy(
            HistoryOptions.defaults().withKeys(List.of("root/air/"), 0.5, Duration.ofSeconds(1)));
    Entry last = e("root/air/co", 10, 1000, Quality.GOOD);
    assertThat(p.records(e("root/fan/speed", 1, 0, Quality.GOOD), true, null)).isFalse();
    assertThat(p.records(e("root/air/co", 10, 0, Quality.GOOD), false, null)).isTrue();
    assertThat(p.records(e("root/air/co", 10.4, 3000, Quality.GOOD), false, last)).isFalse();
    assertThat(p.records(e("root/air/co", 10.6, 3000, Quality.GOOD), false, last)).isTrue();
    assertThat(p.records(e("root/air/co", 20, 1500, Quality.GOOD), false, last)).isFalse();
    assertThat(p.records(e("root/air/co", 10, 1100, Quality.BAD), false, last)).isTrue();
  }
}
