package io.stellwerk.node.topology;

/**
 * One socket of a station's port plan: bound here, or connected to a neighbour's bound socket.
 *
 * @param direction bind or connect
 * @param role the socket role (for a connect: the role of the remote socket)
 * @param remote the station connected to, or {@code null} for a bind
 * @param host the host (after any {@link HostMapping})
 * @param port the port
 */
public record Endpoint(
    Direction direction, SocketRole role, StationId remote, String host, int port) {

  /** Whether the socket is bound here or connects out. */
  public enum Direction {
    BIND,
    CONNECT
  }

  /** The ZeroMQ endpoint, {@code tcp://host:port}. */
  public String uri() {
    return "tcp://" + host + ":" + port;
  }
}
