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
        .hasMessageContaining("format 2, newer than 1")
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
}
