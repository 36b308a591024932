package io.stellwerk.node.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stellwerk.node.dim.Quality;
import io.stellwerk.node.dim.Value;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmdbjava.DbiFlags;
import org.lmdbjava.Env;

class HistoryStoreTest {

  @TempDir Path dir;

  static List<HistoryRecord> samples(String owner, long fromSeq, int n, long ts0) {
    List<HistoryRecord> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      long seq = fromSeq + i;
      out.add(
          HistoryRecord.sample(
              owner, ts0 + seq, seq, owner + "/air/co_ppm", Value.of(seq * 0.5), Quality.GOOD));
    }
    return out;
  }

  @Test
  void recordsReadBackByOwnerAndTimeAndAreStoredOnceHoweverOftenWritten() throws Exception {
    try (HistoryStore s = HistoryStore.open(dir, 64 << 20)) {
      List<HistoryRecord> batch = samples("root.s1", 1, 1000, 1_000_000);
      assertThat(s.append(batch)).hasSize(1000);
      assertThat(s.append(batch)).isEmpty();
      assertThat(s.append(samples("root.s1", 991, 20, 1_000_000))).hasSize(10);
      assertThat(s.owner("root.s1").records()).isEqualTo(1010);
      assertThat(s.owner("root.s1").last()).isEqualTo(new Position(1_001_010, 1010));

      List<HistoryRecord> after = s.after("root.s1", new Position(1_000_500, 500), 5);
      assertThat(after)
          .extracting(HistoryRecord::seq)
          .containsExactly(501L, 502L, 503L, 504L, 505L);
      assertThat(after.get(0)).isEqualTo(batch.get(500));

      assertThat(s.range("root.s1", 1_000_010, 1_000_012, 100))
          .extracting(HistoryRecord::seq)
          .containsExactly(10L, 11L, 12L);
      assertThat(s.after("root.s10", Position.ZERO, 10)).isEmpty();
    }
    try (HistoryStore s = HistoryStore.open(dir, 64 << 20)) {
      assertThat(s.owner("root.s1").records()).isEqualTo(1010);
      assertThat(s.after("root.s1", Position.ZERO, 2000)).hasSize(1010);
    }
  }

  @Test
  void everyKindOfRecordSurvivesTheRoundTrip() throws Exception {
    List<HistoryRecord> rs =
        List.of(
            new HistoryRecord(
                "root[primary]",
                5,
                1,
                HistoryRecord.Kind.RAISE,
                "root[primary]/ha",
                null,
                Quality.GOOD,
                "peer lost"),
            new HistoryRecord(
                "root[primary]",
                6,
                2,
                HistoryRecord.Kind.ACK,
                "root[primary]#1",
                null,
                Quality.GOOD,
                "anna@desk"),
            new HistoryRecord(
                "root[primary]",
                7,
                3,
                HistoryRecord.Kind.CLEAR,
                "root[primary]#1",
                null,
                Quality.GOOD,
                "peer seen"),
            new HistoryRecord(
                "root[primary]",
                8,
                4,
                HistoryRecord.Kind.GAP,
                "",
                Value.of(17L),
                Quality.BAD,
                "after 1.0"),
            HistoryRecord.sample(
                "root[primary]", 9, 5, "root/x", Value.of("text"), Quality.UNCERTAIN),
            HistoryRecord.sample("root[primary]", 9, 6, "root/y", Value.of(true), Quality.GOOD),
            HistoryRecord.sample("root[primary]", 9, 7, "root/z", null, Quality.GOOD));
    try (HistoryStore s = HistoryStore.open(dir, 16 << 20)) {
      s.append(rs);
      assertThat(s.after("root[primary]", Position.ZERO, 100)).isEqualTo(rs);
    }
  }

  @Test
  void pruningDeletesTheOldestAndRemembersWhatItDeleted() throws Exception {
    try (HistoryStore s = HistoryStore.open(dir, 64 << 20)) {
      s.append(samples("root.s1", 1, 100, 1000));
      assertThat(s.prune("root.s1", 1051, 1000)).isEqualTo(50);
      OwnerInfo o = s.owner("root.s1");
      assertThat(o.records()).isEqualTo(50);
      assertThat(o.prunedUpTo()).isEqualTo(new Position(1050, 50));
      assertThat(s.after("root.s1", Position.ZERO, 1).get(0).seq()).isEqualTo(51);
    }
    try (HistoryStore s = HistoryStore.open(dir, 64 << 20)) {
      assertThat(s.owner("root.s1").prunedUpTo()).isEqualTo(new Position(1050, 50));
    }
  }

  @Test
  void aStoreAtItsSizeLimitRefusesWritesAsFullAndKeepsWhatItHad() throws Exception {
    try (HistoryStore s = HistoryStore.open(dir, 1 << 20)) {
      long seq = 1;
      HistoryException full = null;
      while (full == null) {
        try {
          s.append(samples("root.s1", seq, 1000, 0));
          seq += 1000;
        } catch (HistoryException e) {
          full = e;
        }
      }
      assertThat(full.reason()).isEqualTo(HistoryException.Reason.FULL);
      assertThat(full.getMessage()).contains(dir.toString()).contains("size limit");
      assertThat(s.after("root.s1", Position.ZERO, Integer.MAX_VALUE)).hasSize((int) seq - 1);
    }
  }

  @Test
  void aStoreOfANewerFormatIsRefusedWithoutBeingTouched() throws Exception {
    HistoryStore.open(dir, 16 << 20).close();
    try (Env<ByteBuffer> env = Env.create().setMaxDbs(4).open(dir.toFile())) {
      var meta = env.openDbi("meta", DbiFlags.MDB_CREATE);
      ByteBuffer k = ByteBuffer.allocateDirect(6).put("format".getBytes()).flip();
      meta.put(k, ByteBuffer.allocateDirect(4).putInt(HistoryStore.FORMAT + 1).flip());
    }
    assertThatThrownBy(() -> HistoryStore.open(dir, 16 << 20))
        .isInstanceOf(HistoryException.class)
        .hasMessageContaining(
            "format " + (HistoryStore.FORMAT + 1) + ", newer than " + HistoryStore.FORMAT)
        .extracting(e -> ((HistoryException) e).reason())
        .isEqualTo(HistoryException.Reason.NEWER_FORMAT);
  }

  @Test
  void aDamagedFileIsReportedAsCorruptNotOverwritten() throws Exception {
    byte[] garbage = new byte[64 * 1024];
    new java.util.Random(7).nextBytes(garbage);
    Files.write(dir.resolve("data.mdb"), garbage);
    assertThatThrownBy(() -> HistoryStore.open(dir, 16 << 20))
        .isInstanceOf(HistoryException.class)
        .hasMessageStartingWith("cannot open the history store " + dir)
        .extracting(e -> ((HistoryException) e).reason())
        .isEqualTo(HistoryException.Reason.CORRUPT);
    assertThat(Files.readAllBytes(dir.resolve("data.mdb"))).isEqualTo(garbage);
  }

  /** Samples of two keys interleaved with journal records, one owner. */
  private static List<HistoryRecord> mixed(String owner, int n, String longKey) {
    List<HistoryRecord> out = new ArrayList<>();
    for (int seq = 1; seq <= n; seq++) {
      String key =
          seq % 100 == 0 ? owner + "/air/co_ppm" : seq % 7 == 0 ? longKey : owner + "/fan1/speed";
      out.add(
          seq % 250 == 0
              ? new HistoryRecord(
                  owner, seq, seq, HistoryRecord.Kind.RAISE, key, null, Quality.GOOD, "high")
              : HistoryRecord.sample(owner, seq, seq, key, Value.of(seq), Quality.GOOD));
    }
    return out;
  }

  @Test
  void aKeyAndTimeRangeReadGetsExactlyThatKeysRecordsAndTheJournalItsOwn() throws Exception {
    String longKey = "root.s1/" + "x".repeat(300) + "/a";
    String twin = "root.s1/" + "x".repeat(300) + "/b"; // the same first 256 bytes
    try (HistoryStore s = HistoryStore.open(dir, 64 << 20)) {
      s.append(mixed("root.s1", 10_000, longKey));
      s.append(mixed("root.s2", 1_000, longKey));
      s.append(List.of(HistoryRecord.sample("root.s1", 10_001, 10_001, twin, null, Quality.BAD)));

      assertThat(s.samples("root.s1", "root.s1/air/co_ppm", 1_000, 2_000, 100))
          .extracting(HistoryRecord::seq)
          .containsExactly(1100L, 1200L, 1300L, 1400L, 1600L, 1700L, 1800L, 1900L);
      assertThat(s.samples("root.s1", "root.s1/air/co_ppm", 0, Long.MAX_VALUE, 3))
          .extracting(HistoryRecord::seq)
          .containsExactly(100L, 200L, 300L);
      assertThat(s.samples("root.s1", twin, 0, Long.MAX_VALUE, 100))
          .extracting(HistoryRecord::seq)
          .containsExactly(10_001L);
      assertThat(s.samples("root.s1", longKey, 0, Long.MAX_VALUE, 100_000))
          .allMatch(r -> r.key().equals(longKey))
          .hasSize(
              (int)
                  mixed("root.s1", 10_000, longKey).stream()
                      .filter(r -> r.kind() == HistoryRecord.Kind.SAMPLE)
                      .filter(r -> r.key().equals(longKey))
                      .count());
      assertThat(s.journal("root.s1", 0, Long.MAX_VALUE, 100))
          .extracting(HistoryRecord::seq)
          .containsExactly(
              250L * 1, 500L, 750L, 1000L, 1250L, 1500L, 1750L, 2000L, 2250L, 2500L, 2750L, 3000L,
              3250L, 3500L, 3750L, 4000L, 4250L, 4500L, 4750L, 5000L, 5250L, 5500L, 5750L, 6000L,
              6250L, 6500L, 6750L, 7000L, 7250L, 7500L, 7750L, 8000L, 8250L, 8500L, 8750L, 9000L,
              9250L, 9500L, 9750L, 10_000L);
      assertThat(s.journal("root.s2", 0, 600, 100))
          .extracting(HistoryRecord::seq)
          .containsExactly(250L, 500L);

      assertThat(s.prune("root.s1", 5_000, 100_000)).isEqualTo(4_999);
      assertThat(s.samples("root.s1", "root.s1/air/co_ppm", 0, 5_500, 100))
          .extracting(HistoryRecord::seq)
          .containsExactly(5100L, 5200L, 5300L, 5400L);
      assertThat(s.journal("root.s1", 0, 5_500, 100))
          .extracting(HistoryRecord::seq)
          .containsExactly(5000L, 5250L, 5500L);
    }
  }

  @Test
  void aFormat1StoreGetsItsKeyIndexWhenOpenedAndIsFormat2Afterwards() throws Exception {
    try (HistoryStore s = HistoryStore.open(dir, 64 << 20)) {
      s.append(mixed("root.s1", 120_000, "root.s1/long"));
    }
    // What format 1 left on disk: the same records, no index, format 1.
    try (Env<ByteBuffer> env = Env.create().setMaxDbs(4).setMapSize(64 << 20).open(dir.toFile())) {
      var keys = env.openDbi("keys", DbiFlags.MDB_CREATE);
      var meta = env.openDbi("meta", DbiFlags.MDB_CREATE);
      try (var txn = env.txnWrite()) {
        keys.drop(txn, true);
        meta.put(txn, formatKey(), ByteBuffer.allocateDirect(4).putInt(1).flip());
        txn.commit();
      }
    }
    try (HistoryStore s = HistoryStore.open(dir, 64 << 20)) {
      assertThat(s.samples("root.s1", "root.s1/air/co_ppm", 119_000, 120_000, 100))
          .extracting(HistoryRecord::seq)
          .containsExactly(
              119_100L, 119_200L, 119_300L, 119_400L, 119_600L, 119_700L, 119_800L, 119_900L);
      assertThat(s.journal("root.s1", 0, Long.MAX_VALUE, 1_000)).hasSize(480);
      assertThat(s.owner("root.s1").records()).isEqualTo(120_000);
    }
    try (Env<ByteBuffer> env = Env.create().setMaxDbs(4).setMapSize(64 << 20).open(dir.toFile())) {
      var meta = env.openDbi("meta");
      try (var txn = env.txnRead()) {
        ByteBuffer v = meta.get(txn, formatKey());
        assertThat(v.getInt(v.position())).isEqualTo(HistoryStore.FORMAT).isEqualTo(2);
      }
    }
  }

  private static ByteBuffer formatKey() {
    return ByteBuffer.allocateDirect(6).put("format".getBytes()).flip();
  }
}
