package io.stellwerk.node.dim;

/**
 * One versioned DIM entry. A tombstone (deleted key) has a {@code null} value and still carries a
 * version, so deletes replicate like writes.
 *
 * @param key the key, prefixed by its owner's id
 * @param value the value, or {@code null} for a tombstone
 * @param quality the value's quality
 * @param sourceTime when the value was produced at its source, epoch milliseconds
 * @param version the owner-assigned version
 * @param forced whether an operator forced this value (PLC readings are ignored until released)
 */
public record Entry(
    String key, Value value, Quality quality, long sourceTime, Version version, boolean forced) {

  /** The owning node id. */
  public String owner() {
    return Keys.owner(key);
  }

  /** Whether this entry records a deleted key. */
  public boolean isTombstone() {
    return value == null;
  }
}
