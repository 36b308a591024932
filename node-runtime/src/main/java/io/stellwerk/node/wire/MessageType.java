package io.stellwerk.node.wire;

/** The inter-node message types. */
public enum MessageType {
  /** Liveness on a PUB stream; carries the stream's last sequence so a lost tail shows as a gap. */
  HEARTBEAT,
  /** A batch of live DIM updates on a PUB stream. */
  UPDATES,
  /** Child to parent: my version vector, please send what I lack. */
  SYNC_REQUEST,
  /** Parent to child: a chunk of the delta the child lacks, with the parent's subtree vector. */
  SYNC_REPLY,
  /** Child to parent: a chunk of the subtree delta the parent lacks. */
  SUBTREE_DELTA,
  /** Parent to child: your stream had a gap, start a sync exchange. */
  RESYNC,
  /** A routed command. */
  COMMAND,
  /** The outcome of a routed command, travelling back. */
  COMMAND_REPLY,
  /** Pair peer to pair peer: my HA state, active epoch and readiness (doubles as heartbeat). */
  PEER_STATE,
  /** Child to a parent pair peer: I lost the active, I turn to you. */
  VOTE,
  /** Pair peer to pair peer: become active (switchover). */
  TAKEOVER,
  /** Parent to child: send me the history after these positions per owner, with this credit. */
  HISTORY_REQUEST,
  /** Parent to child: you may send this many more chunks of the history delta. */
  HISTORY_CREDIT,
  /** Child to parent: one chunk of the history delta (records with their predecessors). */
  HISTORY_CHUNK,
  /** Child's north PUB: records just made durable, each with its predecessor. */
  HISTORY_LIVE,
  /** Child's north PUB: the newest durable position per owner of its subtree. */
  HISTORY_HEAD,
  /**
   * To a pair peer that claims to be active: the other peer is active with a higher epoch, as seen
   * by a neighbour that hears both (after a partition, when the peer link cannot tell it).
   */
  NEWER_ACTIVE;

  private static final MessageType[] VALUES = values();

  static MessageType of(int code) throws MalformedFrameException {
    if (code < 0 || code >= VALUES.length) {
      throw new MalformedFrameException("unknown message type " + code);
    }
    return VALUES[code];
  }
}
