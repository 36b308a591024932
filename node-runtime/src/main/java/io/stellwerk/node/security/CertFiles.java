package io.stellwerk.node.security;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.zeromq.ZMQ;

/**
 * Reads and writes certificates in CZMQ's file convention: {@code NAME} holds the public
 * certificate (mode 0644), {@code NAME_secret} the public and secret keys (mode 0600). Files load
 * in CZMQ and in jeromq's {@code ZConfig}/{@code ZCertStore}, and theirs load here. A secret file
 * others may read is refused, naming the file.
 */
public final class CertFiles {

  /** Suffix of the secret certificate beside a public one. */
  public static final String SECRET_SUFFIX = "_secret";

  private CertFiles() {}

  /** The secret file that belongs to a public certificate file. */
  public static Path secretFileOf(Path publicFile) {
    return publicFile.resolveSibling(publicFile.getFileName() + SECRET_SUFFIX);
  }

  /** Writes the public certificate, and the secret one if the certificate has its secret. */
  public static void write(Path publicFile, CurveCert cert) {
    SecureFiles.writeAtomically(publicFile, render(cert, false), SecureFiles.WORLD_READABLE);
    if (cert.hasSecret()) {
      SecureFiles.writeAtomically(
          secretFileOf(publicFile), render(cert, true), SecureFiles.OWNER_ONLY);
    }
  }

  /**
   * Writes a copy of a public certificate whose original is kept elsewhere (the {@code signers/} of
   * a bundle: every station's, in every bundle). Atomic but not forced to the disk: forcing each of
   * a large federation's copies took minutes (n² files), and a crash while exporting leaves at
   * worst an empty file, which a station refuses with its name, and exporting again mends it.
   */
  public static void writePublicCopy(Path publicFile, CurveCert cert) {
    SecureFiles.writeAtomically(publicFile, render(cert, false), SecureFiles.WORLD_READABLE, false);
  }

  /** Reads a public certificate (a secret file read this way yields its public part). */
  public static CurveCert readPublic(Path file) {
    return parse(file, SecureFiles.read(file), false);
  }

  /** Reads a secret certificate after checking that only its owner may read it. */
  public static CurveCert readSecret(Path secretFile) {
    SecureFiles.requireOwnerOnly(secretFile);
    return parse(secretFile, SecureFiles.read(secretFile), true);
  }

  /** Whether the secret file of a certificate exists. */
  public static boolean secretExists(Path publicFile) {
    return Files.exists(secretFileOf(publicFile));
  }

  static String render(CurveCert cert, boolean secret) {
    Map<String, Map<String, String>> s = Zpl.sections();
    s.put("metadata", new LinkedHashMap<>(cert.metadata()));
    Map<String, String> curve = new LinkedHashMap<>();
    curve.put("public-key", cert.publicZ85());
    if (secret) {
      curve.put("secret-key", cert.secretZ85());
    }
    s.put("curve", curve);
    if (secret && cert.ed25519Secret() != null) {
      // A section of its own: tools that copy metadata into a public file (jeromq's ZCert does)
      // never see it.
      s.put("ed25519", new LinkedHashMap<>(Map.of("secret-key", cert.ed25519Secret())));
    }
    List<String> comments =
        secret
            ? Zpl.comments(
                "ZeroMQ CURVE **Secret** Certificate (Stellwerk)",
                "DO NOT PROVIDE THIS FILE TO OTHER USERS nor change its permissions.")
            : Zpl.comments(
                "ZeroMQ CURVE Public Certificate (Stellwerk)",
                "Exchange securely, or compare its fingerprint after exchange: "
                    + cert.fingerprint());
    return Zpl.render(comments, s);
  }

  private static CurveCert parse(Path file, String text, boolean secret) {
    Map<String, Map<String, String>> s = Zpl.parse(text, file.toString());
    Map<String, String> curve = s.getOrDefault("curve", Map.of());
    byte[] pub = key(file, curve.get("public-key"), "curve/public-key");
    byte[] sec = secret ? key(file, curve.get("secret-key"), "curve/secret-key") : null;
    String ed = secret ? s.getOrDefault("ed25519", Map.of()).get("secret-key") : null;
    CurveCert cert = new CurveCert(pub, sec, s.getOrDefault("metadata", Map.of()), ed);
    try {
      cert.signingPublicKey();
      cert.signingSecretKey();
    } catch (IllegalArgumentException e) {
      throw new KeyFileException(file + ": the Ed25519 key is malformed (" + e.getMessage() + ")");
    }
    return cert;
  }

  private static byte[] key(Path file, String z85, String what) {
    if (z85 == null) {
      throw new KeyFileException(file + " has no " + what);
    }
    // CZMQ accepts a 32-character raw key too; ZCertStore does the same conversion.
    byte[] raw = z85.length() == 32 ? z85.getBytes(ZMQ.CHARSET) : null;
    if (raw == null && z85.length() == 40) {
      try {
        raw = ZMQ.Curve.z85Decode(z85);
      } catch (RuntimeException e) {
        raw = null;
      }
    }
    if (raw == null || raw.length != 32) {
      throw new KeyFileException(file + ": " + what + " is not a 40-character Z85 key");
    }
    return raw;
  }
}
