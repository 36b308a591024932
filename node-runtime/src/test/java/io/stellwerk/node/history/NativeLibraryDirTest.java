package io.stellwerk.node.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The directory for lmdbjava's native library: created, cleared of copies earlier runs left, and
 * nothing else touched. (Pointing lmdbjava at it is JVM-wide, so that part is checked with real
 * station processes in {@code HistoryProcessTest}.)
 */
class NativeLibraryDirTest {

  @Test
  void copiesLeftByEarlierRunsGoAndNothingElse(@TempDir Path data) throws Exception {
    Path dir = Files.createDirectories(data.resolve("native"));
    Files.writeString(dir.resolve("lmdbjava-native-library-123.so"), "stale");
    Files.writeString(dir.resolve("lmdbjava-native-library-456.so"), "stale");
    Files.writeString(dir.resolve("notes.txt"), "keep");
    Files.writeString(data.resolve("lmdbjava-native-library-789.so"), "not ours to remove");

    assertThat(NativeLibraryDir.prepare(data)).isEqualTo(dir);

    try (var left = Files.list(dir)) {
      assertThat(left.map(p -> p.getFileName().toString())).containsExactly("notes.txt");
    }
    assertThat(data.resolve("lmdbjava-native-library-789.so")).exists();
  }

  @Test
  void aFreshDataDirectoryGetsTheDirectory(@TempDir Path data) throws Exception {
    Path dir = NativeLibraryDir.prepare(data.resolve("station"));
    assertThat(dir).isDirectory();
  }
}
