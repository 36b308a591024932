package io.stellwerk.node.federation;

import io.stellwerk.node.dim.VersionVector;
import io.stellwerk.node.wire.SignedBatch;
import io.stellwerk.node.wire.SyncChunk;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a delta, given as the owners' batches that hold it, into chunks of about {@code size}
 * entries (at least one chunk, so an empty delta still ends the exchange; a batch is never split,
 * its signature covers it whole), numbered from 0 with the last one marked, all carrying the same
 * cut sequence and vector.
 */
final class DeltaChunks {

  private DeltaChunks() {}

  static List<SyncChunk> of(
      long syncId, long snapshotSeq, VersionVector vector, List<SignedBatch> delta, int size) {
    List<List<SignedBatch>> parts = new ArrayList<>();
    List<SignedBatch> part = new ArrayList<>();
    int entries = 0;
    for (SignedBatch b : delta) {
      if (!part.isEmpty() && entries + b.size() > size) {
        parts.add(part);
        part = new ArrayList<>();
        entries = 0;
      }
      part.add(b);
      entries += b.size();
    }
    parts.add(part);
    List<SyncChunk> out = new ArrayList<>(parts.size());
    for (int i = 0; i < parts.size(); i++) {
      out.add(new SyncChunk(syncId, snapshotSeq, vector, i, i == parts.size() - 1, parts.get(i)));
    }
    return out;
  }
}
