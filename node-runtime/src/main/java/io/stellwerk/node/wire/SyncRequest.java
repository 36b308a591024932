package io.stellwerk.node.wire;

import io.stellwerk.node.dim.VersionVector;

/**
 * A child's request for the delta it lacks.
 *
 * @param syncId identifies the exchange; replies with another id are stale
 * @param subtreeOnly the child replicates only its own subtree, so nothing else is sent
 * @param vector the child's version vector
 */
public record SyncRequest(long syncId, boolean subtreeOnly, VersionVector vector) {}
