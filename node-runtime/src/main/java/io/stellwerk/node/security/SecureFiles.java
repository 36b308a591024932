package io.stellwerk.node.security;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes files atomically (temporary file in the same directory, fsync, rename) so a crash leaves
 * either the old or the new content, never half a key; and checks that secret files are private to
 * their owner, as CZMQ's convention and ssh's both demand.
 */
final class SecureFiles {

  static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
  static final Set<PosixFilePermission> WORLD_READABLE =
      PosixFilePermissions.fromString("rw-r--r--");

  private SecureFiles() {}

  /** Replaces {@code file} with {@code text}; the file has the given permissions from birth. */
  static void writeAtomically(Path file, String text, Set<PosixFilePermission> perms) {
    writeAtomically(file, text, perms, true);
  }

  /**
   * Replaces {@code file} with {@code text}, the file having the given permissions from birth; with
   * {@code force} its content is on the disk before it takes the name. Without, a crash can leave
   * the file empty under its name (never half of it): only for copies that can be written again
   * from an original.
   */
  static void writeAtomically(
      Path file, String text, Set<PosixFilePermission> perms, boolean force) {
    Path dir = file.toAbsolutePath().getParent();
    try {
      Files.createDirectories(dir);
      // Created with its final mode, so a secret is never readable by others, not even briefly.
      Path tmp =
          Files.createTempFile(
              dir,
              "." + file.getFileName() + ".",
              ".tmp",
              PosixFilePermissions.asFileAttribute(perms));
      try {
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
          ch.write(java.nio.ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
          if (force) {
            ch.force(true);
          }
        }
        Files.setPosixFilePermissions(tmp, perms);
        try {
          Files.move(
              tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new KeyFileException("cannot write " + file + ": " + reason(e));
    }
  }

  /** The text of a file, or a one-line error naming it. */
  static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new KeyFileException(file + " does not exist");
    } catch (IOException e) {
      throw new KeyFileException("cannot read " + file + ": " + reason(e));
    }
  }

  /** Refuses a secret file that group or others may read or write. */
  static void requireOwnerOnly(Path file) {
    Set<PosixFilePermission> perms;
    try {
      perms = Files.getPosixFilePermissions(file);
    } catch (NoSuchFileException e) {
      throw new KeyFileException(file + " does not exist");
    } catch (IOException e) {
      throw new KeyFileException("cannot read " + file + ": " + reason(e));
    }
    for (PosixFilePermission p : perms) {
      if (!p.name().startsWith("OWNER_")) {
        throw new KeyFileException(
            "secret key file "
                + file
                + " is accessible by group or others (mode "
                + PosixFilePermissions.toString(perms)
                + "); run: chmod 600 "
                + file);
      }
    }
  }

  static String reason(IOException e) {
    String m = e.getMessage();
    return e.getClass().getSimpleName() + (m == null ? "" : " " + m);
  }
}
