package io.stellwerk.node.security;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One key a trust store knows, whatever its state. Immutable: a store change writes a new entry.
 *
 * @param cert the public certificate (metadata may hold {@code ed25519-public})
 * @param state where the key stands
 * @param identity the station ({@code root.s1}, {@code root[primary]}) or workstation the key is
 *     bound to, or claimed for; {@code null} for an unannounced pending key
 * @param role what the identity is to this store's station; {@code null} while unknown
 * @param firstSeen when the store first learned of the key
 * @param lastSeen when the key last knocked or was changed
 * @param source where it came from: the peer address of a knock, {@code bundle}, {@code cli}
 * @param requested the socket role a denied key asked for last, or {@code null}
 * @param knocks how many handshakes the key attempted while not admitted
 * @param note why the entry is in its state, in words (e.g. "revoked", "replaced by SHA256:...")
 */
public record TrustEntry(
    CurveCert cert,
    TrustState state,
    String identity,
    TrustRole role,
    Instant firstSeen,
    Instant lastSeen,
    String source,
    String requested,
    long knocks,
    String note) {

  /** The fingerprint of the key. */
  public Fingerprint fingerprint() {
    return cert.fingerprint();
  }

  /** Whether the key is admitted for the given role. */
  public boolean admits(TrustRole wanted) {
    return state == TrustState.ACCEPTED && role == wanted && identity != null;
  }

  /** The identity, if bound or claimed. */
  public Optional<String> identityIfKnown() {
    return Optional.ofNullable(identity);
  }

  /** The metadata of the certificate. */
  public Map<String, String> metadata() {
    return cert.metadata();
  }

  TrustEntry withState(TrustState next, String why, Instant now) {
    if (!state.canBecome(next)) {
      throw new IllegalArgumentException(
          fingerprint() + " is " + state.label() + " and cannot become " + next.label());
    }
    return new TrustEntry(
        cert, next, identity, role, firstSeen, now, source, requested, knocks, why);
  }

  TrustEntry boundTo(String newIdentity, TrustRole newRole) {
    return new TrustEntry(
        cert, state, newIdentity, newRole, firstSeen, lastSeen, source, requested, knocks, note);
  }

  TrustEntry knocked(String address, String socket, Instant now) {
    return new TrustEntry(
        cert, state, identity, role, firstSeen, now, address, socket, knocks + 1, note);
  }
}
