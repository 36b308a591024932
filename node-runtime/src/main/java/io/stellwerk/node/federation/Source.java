package io.stellwerk.node.federation;

/** Where an entry being applied came from; decides access control and relaying. */
enum Source {
  /** Written by this node (PLC reading or executed command). */
  LOCAL,
  /** From the parent (south stream or sync reply). */
  PARENT,
  /** From a child (north stream or subtree delta). */
  CHILD,
  /** From the other peer of this station's pair. */
  PEER
}
