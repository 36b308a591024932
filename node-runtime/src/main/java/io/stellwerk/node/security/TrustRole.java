package io.stellwerk.node.security;

import io.stellwerk.node.topology.SocketRole;
import java.util.Locale;

/**
 * What a trusted key is to the station whose trust store holds it. Each bound socket serves exactly
 * one role, so a key accepted as one station's child can't open the management socket or the peer
 * link.
 */
public enum TrustRole {
  /** A station of this station's parent node (both peers if the parent is a pair). */
  PARENT,
  /** A station of one of this station's child nodes. */
  CHILD,
  /** The other peer of this station's HA pair. */
  PEER,
  /** An engineering workstation (CLI, workbench) on the management socket. */
  WORKSTATION;

  /** The name used in files and on the command line. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a label, case-insensitively, with a one-line error listing the choices. */
  public static TrustRole parse(String text) {
    for (TrustRole r : values()) {
      if (r.label().equalsIgnoreCase(text.trim())) {
        return r;
      }
    }
    throw new IllegalArgumentException(
        "'" + text + "' is not a trust role (parent, child, peer, workstation)");
  }

  /**
   * The only role a bound socket admits: the south sockets serve children, the north PUB the parent
   * stations, the peer link the other peer, the management socket workstations.
   */
  public static TrustRole servedBy(SocketRole socket) {
    return switch (socket) {
      case SOUTH_ROUTER, SOUTH_PUB -> CHILD;
      case NORTH_PUB -> PARENT;
      case PEER_LINK -> PEER;
      case MANAGEMENT -> WORKSTATION;
      case OPC_UA -> throw new IllegalArgumentException("OPC UA is not a ZeroMQ socket");
    };
  }
}
