package io.stellwerk.security.core;

import io.stellwerk.node.security.TrustJson;
import io.stellwerk.node.security.TrustRole;
import java.util.List;

/**
 * One station's trust store as the security officer administers it: list the keys, accept, reject
 * or revoke one by fingerprint (full {@code SHA256:...} or a unique prefix of at least 8
 * characters). Two implementations: {@link LocalTrustService} edits a trust-store directory, {@link
 * RemoteTrustService} asks a running station over its management socket, so a decision counts at
 * once. Calls block (the remote one on the network): never call them on the JavaFX thread.
 *
 * <p>Every failure is a {@link TrustServiceException} with one line naming the key and the reason.
 */
public interface TrustService extends AutoCloseable {

  /** Where the trust store is, for titles and messages ("root.s1 at tcp://..."). */
  String describe();

  /** Every entry, as the management socket carries it. */
  List<TrustJson.Row> list();

  /**
   * Accepts a key. {@code identity} and {@code role} bind a pending key that has none yet ({@code
   * null} keeps what the entry has); {@code replace} retires another accepted key of the identity,
   * which otherwise makes this one a conflict.
   */
  TrustJson.Row accept(String fingerprint, String identity, TrustRole role, boolean replace);

  /** Rejects a pending or conflicting key. */
  TrustJson.Row reject(String fingerprint);

  /** Revokes an accepted key: it is denied at its next handshake and its connections are cut. */
  TrustJson.Row revoke(String fingerprint);

  /** Releases connections; the default has none. */
  @Override
  default void close() {}
}
