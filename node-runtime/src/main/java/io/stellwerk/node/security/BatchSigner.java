package io.stellwerk.node.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;

/**
 * Signs the bytes of an update batch with the owner station's Ed25519 key, so a relay can pass the
 * batch on but not forge or alter it. The signed message binds the signer's station id to the
 * bytes, so one station's signature never passes for another's. One signer per thread.
 */
public final class BatchSigner {

  static final byte[] CONTEXT = "stellwerk/batch/1".getBytes(StandardCharsets.UTF_8);

  private final String signer;
  private final Signature ed25519;

  /** A signer for the station that owns these keys. */
  public BatchSigner(StationKeys keys) {
    this(keys.station().toString(), keys.signingKey());
  }

  BatchSigner(String signer, PrivateKey key) {
    this.signer = signer;
    try {
      ed25519 = Signature.getInstance("Ed25519");
      ed25519.initSign(key);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK cannot sign with Ed25519", e);
    }
  }

  /** The station id that goes with each signature ({@code root.s1}, {@code root[backup]}). */
  public String signer() {
    return signer;
  }

  /** The 64-byte signature of {@code batch[offset, offset+length)}. */
  public byte[] sign(byte[] batch, int offset, int length) {
    try {
      feed(ed25519, signer, batch, offset, length);
      return ed25519.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 signing failed", e);
    }
  }

  /** The 64-byte signature of a whole batch. */
  public byte[] sign(byte[] batch) {
    return sign(batch, 0, batch.length);
  }

  static void feed(Signature s, String signer, byte[] batch, int offset, int length)
      throws GeneralSecurityException {
    s.update(CONTEXT);
    s.update((byte) 0);
    s.update(signer.getBytes(StandardCharsets.UTF_8));
    s.update((byte) 0);
    s.update(batch, offset, length);
  }
}
