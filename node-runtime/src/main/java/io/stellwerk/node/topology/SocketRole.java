package io.stellwerk.node.topology;

/**
 * The port plan: every socket a station binds sits at a fixed offset from its base port, so
 * endpoints are derived from the topology and never typed twice. Offsets 6 to 9 are reserved.
 */
public enum SocketRole {
  /** ROUTER facing the children: sync requests, commands, history requests. */
  SOUTH_ROUTER(0, "ROUTER", "south requests (sync, commands, history)"),
  /** PUB facing the children: live updates of everything outside their subtree, heartbeats. */
  SOUTH_PUB(1, "PUB", "south live updates and heartbeats"),
  /** PUB facing the parent: this subtree's updates, so both peers of a parent pair hear them. */
  NORTH_PUB(2, "PUB", "north subtree updates and heartbeats"),
  /** Link between the two peers of a pair: state, heartbeats, replication. */
  PEER_LINK(3, "ROUTER", "HA peer link"),
  /** Management requests from the CLI and the workbench. */
  MANAGEMENT(4, "ROUTER", "management"),
  /** OPC UA server (opc.tcp). */
  OPC_UA(5, "opc.tcp", "OPC UA server");

  private final int offset;
  private final String socketType;
  private final String purpose;

  SocketRole(int offset, String socketType, String purpose) {
    this.offset = offset;
    this.socketType = socketType;
    this.purpose = purpose;
  }

  /** The offset from the base port. */
  public int offset() {
    return offset;
  }

  /** The socket type bound at this port. */
  public String socketType() {
    return socketType;
  }

  /** What the socket is for, as a person reads it. */
  public String purpose() {
    return purpose;
  }
}
