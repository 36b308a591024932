package io.stellwerk.node.security;

import io.stellwerk.node.topology.SocketRole;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.zeromq.ZMQ;
import zmq.Msg;
import zmq.io.Metadata;

/**
 * The CURVE options of every Stellwerk socket, in one place for {@code Sockets} to call. A bound
 * socket is a CURVE server whose ZAP domain names its {@link SocketRole}; the {@link ZapHandler}
 * maps the domain to the one {@link TrustRole} it admits. A connecting socket is a CURVE client
 * that knows the server's public key from the trust store, so a wrong server never completes the
 * handshake.
 */
public final class CurveSecurity {

  private static final String DOMAIN_PREFIX = "stellwerk/";

  private CurveSecurity() {}

  /** The ZAP domain of a bound socket role, e.g. {@code stellwerk/south-router}. */
  public static String domainOf(SocketRole role) {
    TrustRole.servedBy(role);
    return DOMAIN_PREFIX + role.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The role a ZAP domain admits; empty for a domain that is not one of ours. */
  public static Optional<TrustRole> roleOfDomain(String domain) {
    for (SocketRole r : SocketRole.values()) {
      if (r != SocketRole.OPC_UA && domainOf(r).equals(domain)) {
        return Optional.of(TrustRole.servedBy(r));
      }
    }
    return Optional.empty();
  }

  /**
   * Makes {@code socket} (before it binds) a CURVE server for {@code role} with the station's key.
   * Refuses when no {@link ZapHandler} runs in the socket's context, because jeromq would then
   * admit any client that knows the public key.
   */
  public static void server(ZMQ.Socket socket, SocketRole role, StationKeys keys) {
    if (!ZapHandler.runningFor(socket)) {
      throw new IllegalStateException(
          "no ZAP handler runs in this socket's context: a CURVE server would admit anyone;"
              + " start ZapHandler.start(zctx, trustStore) first");
    }
    socket.setZAPDomain(domainOf(role));
    socket.setCurveServer(true);
    socket.setCurveSecretKey(keys.curveSecret());
    // The public key is not needed by a server, but tools reading the options expect it.
    socket.setCurvePublicKey(keys.curvePublic());
  }

  /** Makes {@code socket} (before it connects) a CURVE client of the server with that key. */
  public static void client(ZMQ.Socket socket, StationKeys own, byte[] serverPublicKey) {
    client(socket, own.cert(), serverPublicKey);
  }

  /** The same for a workstation, whose secret certificate has no station. */
  public static void client(ZMQ.Socket socket, CurveCert ownSecret, byte[] serverPublicKey) {
    if (serverPublicKey == null || serverPublicKey.length != 32) {
      throw new IllegalArgumentException("a CURVE server key has 32 bytes");
    }
    socket.setCurveServer(false);
    socket.setCurvePublicKey(ownSecret.publicKey());
    socket.setCurveSecretKey(ownSecret.secretKey());
    socket.setCurveServerKey(serverPublicKey);
  }

  /** The identity the ZAP handler bound to the sender of a message received on a CURVE server. */
  public static Optional<String> userId(Msg msg) {
    Metadata m = msg.getMetadata();
    return Optional.ofNullable(m == null ? null : m.get(Metadata.USER_ID))
        .filter(s -> !s.isEmpty());
  }

  /**
   * Whether a ROUTER message's routing id is the identity its key is bound to. A child's key is
   * admitted to the south ROUTER as that child; only this check stops it from choosing a sibling's
   * routing id (ZAP never sees routing ids). Call it with the first data frame after the routing
   * id.
   */
  public static boolean sentBy(byte[] routingId, Msg firstDataFrame) {
    return userId(firstDataFrame)
        .map(u -> Arrays.equals(u.getBytes(StandardCharsets.UTF_8), routingId))
        .orElse(false);
  }
}
