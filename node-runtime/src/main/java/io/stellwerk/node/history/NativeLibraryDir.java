package io.stellwerk.node.history;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where lmdbjava puts its native library. It copies the library out of its jar into a new file each
 * time a JVM first opens a store, and removes the copy only when the JVM exits in order: a station
 * killed or crashed (and restarted by its supervisor) left one more file in {@code /tmp} each time.
 * A station started by the CLI keeps the copy in its data directory instead, and removes the copies
 * of earlier runs when it starts (no other JVM uses that directory: a data directory belongs to one
 * station).
 */
public final class NativeLibraryDir {

  private static final Logger log = LoggerFactory.getLogger(NativeLibraryDir.class);
  private static final String PREFIX = "lmdbjava-native-library-";

  /** lmdbjava's system property for the directory it copies its library into. */
  static final String EXTRACT_DIR_PROPERTY = "lmdbjava.extract.dir";

  private NativeLibraryDir() {}

  /**
   * Points lmdbjava at {@code data/native} (unless {@code -Dlmdbjava.extract.dir} was given), after
   * removing what earlier runs left there. Must run before the first store opens in this JVM. A
   * directory that cannot be prepared leaves lmdbjava's default, with a warning.
   */
  public static void useUnder(Path data) {
    if (System.getProperty(EXTRACT_DIR_PROPERTY) != null) {
      return;
    }
    try {
      Path dir = prepare(data);
      System.setProperty(EXTRACT_DIR_PROPERTY, dir.toAbsolutePath().toString());
    } catch (IOException e) {
      log.warn(
          "cannot keep the LMDB native library under {} ({}): using the system's temporary"
              + " directory",
          data,
          e.toString());
    }
  }

  /** Creates {@code data/native} and removes the library copies earlier runs left in it. */
  static Path prepare(Path data) throws IOException {
    Path dir = Files.createDirectories(data.resolve("native"));
    try (DirectoryStream<Path> stale = Files.newDirectoryStream(dir, PREFIX + "*")) {
      for (Path p : stale) {
        Files.deleteIfExists(p);
      }
    }
    return dir;
  }
}
