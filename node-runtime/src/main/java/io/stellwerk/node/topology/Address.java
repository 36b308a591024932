package io.stellwerk.node.topology;

/**
 * Where one station (a single node or one peer of a pair) lives: its host and the base port from
 * which every endpoint of the station is derived (see {@link SocketRole}).
 */
public record Address(String host, int basePort) {

  /** How many consecutive ports a station reserves, starting at its base port. */
  public static final int PORT_SPAN = 10;

  /** The lowest base port accepted: stations run as a service user, not as root. */
  public static final int MIN_BASE_PORT = 1024;

  /** The highest base port that still leaves room for {@link #PORT_SPAN} ports. */
  public static final int MAX_BASE_PORT = 65535 - PORT_SPAN + 1;

  /** The last port of this station's range. */
  public int lastPort() {
    return basePort + PORT_SPAN - 1;
  }

  /** The port of the given socket role. */
  public int port(SocketRole role) {
    return basePort + role.offset();
  }

  /** Whether this station's port range overlaps the other's on the same host. */
  public boolean clashesWith(Address other) {
    return host.equalsIgnoreCase(other.host)
        && basePort <= other.lastPort()
        && other.basePort <= lastPort();
  }

  @Override
  public String toString() {
    return host + ":" + basePort;
  }
}
