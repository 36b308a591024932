package io.stellwerk.node.security;

import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.zeromq.ZMQ;

/**
 * One trust entry per file, {@code <hex fingerprint>.trust}, in ZPL so a person can read it and a
 * ZeroMQ tool sees a public certificate ({@code curve/public-key}, {@code metadata}). Each file is
 * replaced atomically; the fingerprint in the name must match the key inside.
 */
final class TrustFiles {

  static final String SUFFIX = ".trust";

  private TrustFiles() {}

  static Path fileOf(Path dir, Fingerprint fp) {
    return dir.resolve(fp.hex() + SUFFIX);
  }

  static void write(Path dir, TrustEntry e) {
    Map<String, String> trust = new LinkedHashMap<>();
    trust.put("fingerprint", e.fingerprint().toString());
    trust.put("state", e.state().label());
    putIf(trust, "identity", e.identity());
    putIf(trust, "role", e.role() == null ? null : e.role().label());
    trust.put("first-seen", e.firstSeen().toString());
    trust.put("last-seen", e.lastSeen().toString());
    putIf(trust, "source", e.source());
    putIf(trust, "requested", e.requested());
    trust.put("knocks", Long.toString(e.knocks()));
    putIf(trust, "note", e.note());
    Map<String, Map<String, String>> s = Zpl.sections();
    s.put("trust", trust);
    s.put("metadata", new LinkedHashMap<>(e.cert().metadata()));
    s.put("curve", new LinkedHashMap<>(Map.of("public-key", e.cert().publicZ85())));
    String text =
        Zpl.render(
            Zpl.comments(
                "Stellwerk trust entry: change it with stellwerk-node security accept|reject|revoke"),
            s);
    SecureFiles.writeAtomically(fileOf(dir, e.fingerprint()), text, SecureFiles.WORLD_READABLE);
  }

  static TrustEntry read(Path file) {
    Map<String, Map<String, String>> s = Zpl.parse(SecureFiles.read(file), file.toString());
    Map<String, String> t = s.getOrDefault("trust", Map.of());
    String z85 = s.getOrDefault("curve", Map.of()).get("public-key");
    if (z85 == null || z85.length() != 40) {
      throw new KeyFileException(file + " has no 40-character curve/public-key");
    }
    try {
      CurveCert cert =
          new CurveCert(ZMQ.Curve.z85Decode(z85), null, s.getOrDefault("metadata", Map.of()), null);
      if (!file.getFileName().toString().equals(cert.fingerprint().hex() + SUFFIX)) {
        throw new KeyFileException(file + " holds the key " + cert.fingerprint() + ", not its own");
      }
      String role = t.get("role");
      return new TrustEntry(
          cert,
          TrustState.parse(required(file, t, "state")),
          t.get("identity"),
          role == null ? null : TrustRole.parse(role),
          Instant.parse(required(file, t, "first-seen")),
          Instant.parse(required(file, t, "last-seen")),
          t.get("source"),
          t.get("requested"),
          Long.parseLong(t.getOrDefault("knocks", "0")),
          t.get("note"));
    } catch (DateTimeParseException | IllegalArgumentException e) {
      throw new KeyFileException(file + ": malformed trust entry (" + e.getMessage() + ")");
    }
  }

  private static String required(Path file, Map<String, String> t, String key) {
    String v = t.get(key);
    if (v == null) {
      throw new KeyFileException(file + " has no trust/" + key);
    }
    return v;
  }

  private static void putIf(Map<String, String> m, String key, String value) {
    if (value != null && !value.isEmpty()) {
      m.put(key, value);
    }
  }
}
