package io.stellwerk.node.security;

/**
 * The verdict on one CURVE handshake, as the ZAP handler returns it.
 *
 * @param admitted whether the client may talk to the socket
 * @param userId the identity the socket will see as the ZAP {@code User-Id} of every message from
 *     this client (empty when denied)
 * @param reason why, in words, for logs and the ZAP status text
 */
public record Admission(boolean admitted, String userId, String reason) {

  static Admission admit(String identity) {
    return new Admission(true, identity, "OK");
  }

  static Admission deny(String reason) {
    return new Admission(false, "", reason);
  }
}
