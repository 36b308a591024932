package io.stellwerk.node.federation;

import io.stellwerk.node.dim.Entry;
import io.stellwerk.node.dim.VersionVector;
import io.stellwerk.node.wire.SyncChunk;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a delta into bounded chunks (at least one, so an empty delta still ends the exchange),
 * numbered from 0 with the last one marked, all carrying the same cut sequence and vector.
 */
final class DeltaChunks {

  private DeltaChunks() {}

  static List<SyncChunk> of(
      long syncId, long snapshotSeq, VersionVector vector, List<Entry> delta, int size) {
    int chunks = Math.max(1, (delta.size() + size - 1) / size);
    List<SyncChunk> out = new ArrayList<>(chunks);
    for (int i = 0; i < chunks; i++) {
      List<Entry> part = delta.subList(i * size, Math.min(delta.size(), (i + 1) * size));
      out.add(new SyncChunk(syncId, snapshotSeq, vector, i, i == chunks - 1, part));
    }
    return out;
  }
}
