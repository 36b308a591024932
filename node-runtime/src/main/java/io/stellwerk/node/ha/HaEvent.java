package io.stellwerk.node.ha;

/** What can happen to a peer of a pair. */
public enum HaEvent {
  /** The peer's state message says it is waiting. */
  PEER_WAITING,
  /** The peer's state message says it is active. */
  PEER_ACTIVE,
  /** The peer's state message says it is passive. */
  PEER_PASSIVE,
  /** Nothing heard from the peer for the deadline. */
  PEER_SILENT,
  /** A client (child, OPC UA, CLI) lost the active and turned to this peer. */
  VOTE,
  /** The operator, or the active handing over, asks this peer to become active. */
  TAKEOVER,
  /** The operator asks this (active) peer to hand over to its ready peer. */
  HANDOVER,
  /**
   * The PLC witness of a single-level pair: the life-sign register, which only the active
   * increments, was read successfully and has not moved for its deadline. With a silent peer link
   * this is the evidence that the active is dead (a pair at the PLCs has no children to vote).
   */
  LIFE_SIGN_STOPPED
}
