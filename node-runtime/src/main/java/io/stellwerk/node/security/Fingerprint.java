package io.stellwerk.node.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The name a person uses for a CURVE public key: SHA-256 of the 32 raw key bytes, shown as {@code
 * SHA256:} and unpadded base64, the way {@code ssh-keygen -l} shows host keys. The hex form names
 * trust-store files, because base64 holds {@code /}.
 *
 * @param digest the 32 bytes of the SHA-256 digest
 */
public record Fingerprint(byte[] digest) {

  private static final String PREFIX = "SHA256:";

  /** The fingerprint of a raw 32-byte CURVE public key. */
  public static Fingerprint of(byte[] curvePublicKey) {
    if (curvePublicKey.length != 32) {
      throw new IllegalArgumentException(
          "a CURVE public key has 32 bytes, not " + curvePublicKey.length);
    }
    try {
      return new Fingerprint(MessageDigest.getInstance("SHA-256").digest(curvePublicKey));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  /** Parses {@code SHA256:base64} (the text form) or 64 hex digits (the file-name form). */
  public static Fingerprint parse(String text) {
    String t = text.trim();
    try {
      if (t.startsWith(PREFIX)) {
        byte[] d = Base64.getDecoder().decode(t.substring(PREFIX.length()));
        if (d.length == 32) {
          return new Fingerprint(d);
        }
      } else if (t.length() == 64) {
        return new Fingerprint(HexFormat.of().parseHex(t.toLowerCase(Locale.ROOT)));
      }
    } catch (IllegalArgumentException e) {
      // Falls through to the one error message below.
    }
    throw new IllegalArgumentException(
        "'" + text + "' is not a key fingerprint (SHA256:... as 'list' shows it)");
  }

  /** {@code SHA256:} and unpadded base64, as users see and type it. */
  @Override
  public String toString() {
    return PREFIX + Base64.getEncoder().withoutPadding().encodeToString(digest);
  }

  /** Lower-case hex, used for file names. */
  public String hex() {
    return HexFormat.of().formatHex(digest);
  }

  /** Whether a user-typed prefix of the text form (at least 8 characters after SHA256:) fits. */
  public boolean startsWith(String typed) {
    String t = typed.trim();
    String body = t.startsWith(PREFIX) ? t.substring(PREFIX.length()) : t;
    return body.length() >= 8 && toString().substring(PREFIX.length()).startsWith(body);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Fingerprint f && java.util.Arrays.equals(digest, f.digest);
  }

  @Override
  public int hashCode() {
    return java.util.Arrays.hashCode(digest);
  }

  /** The UTF-8 bytes of the text form (what a signature or log line carries). */
  public byte[] textBytes() {
    return toString().getBytes(StandardCharsets.UTF_8);
  }
}
