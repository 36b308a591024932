package io.stellwerk.node.security;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.zeromq.ZMQ;

/**
 * A CURVE certificate as CZMQ defines it: a public key, optionally its secret key, and metadata
 * ({@code name}, {@code role}, {@code federation}, ...). A Stellwerk station's certificate also
 * carries its Ed25519 signing key: the public half as metadata {@code ed25519-public} (so it
 * travels with the public certificate), the secret half only in the secret file.
 *
 * @param publicKey the 32-byte CURVE public key
 * @param secretKey the 32-byte CURVE secret key, or {@code null} for a public certificate
 * @param metadata metadata in file order, unmodifiable
 * @param ed25519Secret the Ed25519 secret key in base64, or {@code null}
 */
public record CurveCert(
    byte[] publicKey, byte[] secretKey, Map<String, String> metadata, String ed25519Secret) {

  /** Metadata key of the Ed25519 public key (raw 32 bytes, base64). */
  public static final String ED25519_PUBLIC = "ed25519-public";

  /** Checks key sizes and freezes the metadata. */
  public CurveCert {
    if (publicKey == null || publicKey.length != 32) {
      throw new IllegalArgumentException("a CURVE public key has 32 bytes");
    }
    if (secretKey != null && secretKey.length != 32) {
      throw new IllegalArgumentException("a CURVE secret key has 32 bytes");
    }
    metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
  }

  /** A fresh CURVE key pair and, if asked, a fresh Ed25519 key pair, with the given metadata. */
  public static CurveCert generate(Map<String, String> metadata, boolean withSigningKey) {
    ZMQ.Curve.KeyPair curve = ZMQ.Curve.generateKeyPair();
    Map<String, String> meta = new LinkedHashMap<>(metadata);
    String edSecret = null;
    if (withSigningKey) {
      KeyPair ed = Ed25519.generate();
      meta.put(ED25519_PUBLIC, Ed25519.encodePublic(ed.getPublic()));
      edSecret = Ed25519.encodeSecret(ed.getPrivate());
    }
    return new CurveCert(
        ZMQ.Curve.z85Decode(curve.publicKey), ZMQ.Curve.z85Decode(curve.secretKey), meta, edSecret);
  }

  /** The public key in Z85, as ZeroMQ tools print and take it. */
  public String publicZ85() {
    return ZMQ.Curve.z85Encode(publicKey);
  }

  /** The secret key in Z85; only for a secret certificate. */
  public String secretZ85() {
    if (secretKey == null) {
      throw new IllegalStateException("a public certificate has no secret key");
    }
    return ZMQ.Curve.z85Encode(secretKey);
  }

  /** The fingerprint of the public key. */
  public Fingerprint fingerprint() {
    return Fingerprint.of(publicKey);
  }

  /** Whether the secret key is present. */
  public boolean hasSecret() {
    return secretKey != null;
  }

  /** A metadata value. */
  public Optional<String> meta(String key) {
    return Optional.ofNullable(metadata.get(key));
  }

  /** The same certificate without its secrets. */
  public CurveCert publicOnly() {
    return new CurveCert(publicKey, null, metadata, null);
  }

  /** The Ed25519 verification key, if the certificate has one. */
  public Optional<PublicKey> signingPublicKey() {
    return meta(ED25519_PUBLIC).map(Ed25519::decodePublic);
  }

  /** The Ed25519 signing key; only for a secret certificate that has one. */
  public Optional<PrivateKey> signingSecretKey() {
    return Optional.ofNullable(ed25519Secret).map(Ed25519::decodeSecret);
  }
}
