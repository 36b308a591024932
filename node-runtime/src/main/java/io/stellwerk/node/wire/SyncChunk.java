package io.stellwerk.node.wire;

import io.stellwerk.node.dim.VersionVector;
import java.util.List;

/**
 * One chunk of a delta (a {@code SYNC_REPLY} south or a {@code SUBTREE_DELTA} north).
 *
 * @param syncId the exchange
 * @param snapshotSeq the sender's PUB stream sequence when the delta was cut: live messages up to
 *     it are contained in the delta, later ones follow on the stream
 * @param vector in a SYNC_REPLY, the parent's vector for the child's subtree (empty otherwise)
 * @param chunk the chunk's index, from 0
 * @param last whether this is the last chunk
 * @param batches the owners' batches that hold the delta's entries (superseded entries in them are
 *     harmless: a receiver applies only what is newer)
 */
public record SyncChunk(
    long syncId,
    long snapshotSeq,
    VersionVector vector,
    int chunk,
    boolean last,
    List<SignedBatch> batches) {

  /** The number of entries in all batches. */
  public int entryCount() {
    int n = 0;
    for (SignedBatch b : batches) {
      n += b.size();
    }
    return n;
  }
}
