package io.stellwerk.node.security;

import io.stellwerk.node.topology.StationId;
import java.security.PrivateKey;
import java.security.PublicKey;

/**
 * A station's own long-term keys, loaded from its secret certificate: the CURVE pair for every
 * socket it binds or connects, and the Ed25519 pair it signs its update batches with.
 *
 * @param station the station these keys belong to
 * @param cert its secret certificate (CURVE secret and Ed25519 secret present)
 */
public record StationKeys(StationId station, CurveCert cert) {

  /** Refuses a certificate without either secret. */
  public StationKeys {
    if (!cert.hasSecret() || cert.ed25519Secret() == null) {
      throw new IllegalArgumentException(station + ": keys need the CURVE and Ed25519 secrets");
    }
  }

  /** The raw CURVE public key (what peers trust and what a client sets as server key). */
  public byte[] curvePublic() {
    return cert.publicKey().clone();
  }

  /** The raw CURVE secret key. */
  public byte[] curveSecret() {
    return cert.secretKey().clone();
  }

  /** The fingerprint others see in their trust stores. */
  public Fingerprint fingerprint() {
    return cert.fingerprint();
  }

  /** The Ed25519 key this station signs batches with. */
  public PrivateKey signingKey() {
    return cert.signingSecretKey().orElseThrow();
  }

  /** The Ed25519 key others verify this station's batches with. */
  public PublicKey verifyingKey() {
    return cert.signingPublicKey().orElseThrow();
  }
}
