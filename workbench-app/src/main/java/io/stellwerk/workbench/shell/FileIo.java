package io.stellwerk.workbench.shell;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Reading and writing topology files, with failures as sentences. */
final class FileIo {

  private FileIo() {}

  static String read(Path p) {
    try {
      return new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes through a temporary file beside the target, so a crash never leaves half a file. */
  static void writeAtomically(Path target, byte[] bytes) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Path tmp = Files.createTempFile(dir, ".stellwerk-", ".tmp");
    try {
      Files.write(tmp, bytes);
      try {
        Files.move(
            tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Why a file operation failed, as a person reads it. */
  static String reason(Throwable t) {
    Throwable c = t instanceof UncheckedIOException u ? u.getCause() : t;
    if (c instanceof NoSuchFileException n) {
      return "there is no file " + n.getFile();
    }
    if (c instanceof AccessDeniedException a) {
      return "permission denied for " + a.getFile();
    }
    return c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
  }
}
