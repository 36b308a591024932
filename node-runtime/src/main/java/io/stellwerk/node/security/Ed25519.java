package io.stellwerk.node.security;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Ed25519 keys of the JDK, stored as their raw 32 bytes in base64 (the form libsodium, OpenSSH and
 * minisign also use) instead of the JDK's DER wrappers, so other tools can read them. Keys are made
 * and stored through the JDK; signing and checking run on BouncyCastle's engine ({@link
 * BatchSigner}), which produces the same signatures (RFC 8032 signatures are deterministic) at
 * about a sixth of the JDK 17 cost.
 */
final class Ed25519 {

  // DER headers of an Ed25519 SubjectPublicKeyInfo and of a PKCS#8 v1 private key (RFC 8410).
  private static final byte[] X509_HEADER = HexFormat.of().parseHex("302a300506032b6570032100");
  private static final byte[] PKCS8_HEADER =
      HexFormat.of().parseHex("302e020100300506032b657004220420");

  private Ed25519() {}

  static KeyPair generate() {
    try {
      return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no Ed25519", e);
    }
  }

  static String encodePublic(PublicKey key) {
    return Base64.getEncoder().encodeToString(raw(key.getEncoded(), X509_HEADER));
  }

  static String encodeSecret(PrivateKey key) {
    return Base64.getEncoder().encodeToString(raw(key.getEncoded(), PKCS8_HEADER));
  }

  static PublicKey decodePublic(String base64) {
    try {
      return KeyFactory.getInstance("Ed25519")
          .generatePublic(new X509EncodedKeySpec(wrap(X509_HEADER, decode32(base64))));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("not an Ed25519 public key", e);
    }
  }

  static PrivateKey decodeSecret(String base64) {
    try {
      return KeyFactory.getInstance("Ed25519")
          .generatePrivate(new PKCS8EncodedKeySpec(wrap(PKCS8_HEADER, decode32(base64))));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("not an Ed25519 secret key", e);
    }
  }

  /** The key's 32 raw bytes (the seed of a secret key), as RFC 8032 engines take it. */
  static byte[] raw(PublicKey key) {
    return raw(key.getEncoded(), X509_HEADER);
  }

  static byte[] raw(PrivateKey key) {
    return raw(key.getEncoded(), PKCS8_HEADER);
  }

  private static byte[] decode32(String base64) {
    byte[] raw = Base64.getDecoder().decode(base64.trim());
    if (raw.length != 32) {
      throw new IllegalArgumentException("an Ed25519 key has 32 bytes, not " + raw.length);
    }
    return raw;
  }

  private static byte[] raw(byte[] der, byte[] header) {
    if (der.length != header.length + 32
        || !Arrays.equals(Arrays.copyOf(der, header.length), header)) {
      throw new IllegalStateException("unexpected DER encoding of an Ed25519 key");
    }
    return Arrays.copyOfRange(der, header.length, der.length);
  }

  private static byte[] wrap(byte[] header, byte[] raw) {
    byte[] out = Arrays.copyOf(header, header.length + raw.length);
    System.arraycopy(raw, 0, out, header.length, raw.length);
    return out;
  }
}
