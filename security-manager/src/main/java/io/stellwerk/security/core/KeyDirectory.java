package io.stellwerk.security.core;

import io.stellwerk.node.security.CertFiles;
import io.stellwerk.node.security.CurveCert;
import io.stellwerk.node.security.KeyFileException;
import io.stellwerk.node.security.TrustEntry;
import io.stellwerk.node.security.TrustStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A key directory as {@code keys generate} writes it ({@code stations/}, {@code workstations/},
 * {@code bundles/NAME/trust/}), read into the keys model: every key with its fingerprint and where
 * it is trusted. Importing is opening: nothing is copied or changed. A file that cannot be read is
 * reported as one problem line and the rest is still read.
 *
 * @param directory the directory read
 * @param keys stations first, then workstations, then keys only trust stores hold
 * @param bundles the station of each bundle found, in directory order
 * @param problems one line per file or trust store that could not be read
 */
public record KeyDirectory(
    Path directory, List<KeyRow> keys, List<String> bundles, List<String> problems) {

  public KeyDirectory {
    keys = List.copyOf(keys);
    bundles = List.copyOf(bundles);
    problems = List.copyOf(problems);
  }

  /**
   * Reads a key directory.
   *
   * @throws TrustServiceException when {@code dir} is not a key directory at all
   */
  public static KeyDirectory open(Path dir) {
    Path stations = dir.resolve("stations");
    Path workstations = dir.resolve("workstations");
    Path bundlesDir = dir.resolve("bundles");
    if (!Files.isDirectory(stations)
        && !Files.isDirectory(workstations)
        && !Files.isDirectory(bundlesDir)) {
      throw new TrustServiceException(
          dir + " is not a key directory: it has no stations/, workstations/ or bundles/");
    }
    List<String> problems = new ArrayList<>();
    Map<String, Found> byFingerprint = new LinkedHashMap<>();
    for (Path f : certificates(stations, problems)) {
      read(f, KeyRow.Kind.STATION, byFingerprint, problems);
    }
    for (Path f : certificates(workstations, problems)) {
      read(f, KeyRow.Kind.WORKSTATION, byFingerprint, problems);
    }
    List<String> bundles = new ArrayList<>();
    for (Path b : children(bundlesDir, problems)) {
      if (!Files.isDirectory(b)) {
        continue;
      }
      String station = stationOf(b.getFileName().toString());
      bundles.add(station);
      Path trust = b.resolve("trust");
      if (!Files.isDirectory(trust)) {
        problems.add(trust + " does not exist: the bundle of " + station + " is not whole");
        continue;
      }
      try {
        for (TrustEntry e : TrustStore.open(trust).list()) {
          Found found =
              byFingerprint.computeIfAbsent(
                  e.fingerprint().toString(),
                  fp ->
                      new Found(
                          e.identity() == null ? "?" : e.identity(),
                          KeyRow.Kind.OTHER,
                          false,
                          new ArrayList<>()));
          found.trust.add(
              new KeyRow.Trust(
                  station, e.role() == null ? null : e.role().label(), e.state().label()));
        }
      } catch (KeyFileException | IllegalArgumentException e) {
        problems.add(trust + ": " + e.getMessage());
      }
    }
    List<KeyRow> rows = new ArrayList<>();
    for (KeyRow.Kind kind : KeyRow.Kind.values()) {
      byFingerprint.forEach(
          (fp, f) -> {
            if (f.kind == kind) {
              rows.add(new KeyRow(f.name, f.kind, fp, f.secret, f.trust));
            }
          });
    }
    return new KeyDirectory(dir, rows, bundles, problems);
  }

  /** The row of a station or workstation by name. */
  public java.util.Optional<KeyRow> key(String name) {
    return keys.stream().filter(k -> k.name().equals(name)).findFirst();
  }

  private static final class Found {
    final String name;
    final KeyRow.Kind kind;
    final boolean secret;
    final List<KeyRow.Trust> trust;

    Found(String name, KeyRow.Kind kind, boolean secret, List<KeyRow.Trust> trust) {
      this.name = name;
      this.kind = kind;
      this.secret = secret;
      this.trust = trust;
    }
  }

  private static void read(
      Path file, KeyRow.Kind kind, Map<String, Found> out, List<String> problems) {
    try {
      CurveCert c = CertFiles.readPublic(file);
      String fallback =
          kind == KeyRow.Kind.STATION
              ? stationOf(file.getFileName().toString())
              : file.getFileName().toString();
      out.put(
          c.fingerprint().toString(),
          new Found(
              c.meta("name").orElse(fallback),
              kind,
              CertFiles.secretExists(file),
              new ArrayList<>()));
    } catch (KeyFileException | IllegalArgumentException e) {
      problems.add(e.getMessage());
    }
  }

  // A pair peer's files are named root@primary: brackets are awkward in shells.
  private static String stationOf(String fileBase) {
    int at = fileBase.indexOf('@');
    return at < 0 ? fileBase : fileBase.substring(0, at) + "[" + fileBase.substring(at + 1) + "]";
  }

  private static List<Path> certificates(Path dir, List<String> problems) {
    return children(dir, problems).stream()
        .filter(Files::isRegularFile)
        .filter(p -> !p.getFileName().toString().endsWith(CertFiles.SECRET_SUFFIX))
        .filter(p -> !p.getFileName().toString().startsWith("."))
        .toList();
  }

  private static List<Path> children(Path dir, List<String> problems) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    } catch (IOException e) {
      problems.add("cannot list " + dir + ": " + e.getMessage());
      return List.of();
    }
  }
}
