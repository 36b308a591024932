package io.stellwerk.node.dim;

import io.stellwerk.node.topology.NodeIds;
import io.stellwerk.node.topology.StationId;

/**
 * DIM keys start with their owner: a node id ({@code root.s1/ventilation/fan3/speed}), written by
 * that node (for a pair: by its active peer), or a pair peer's station id ({@code
 * root[backup]/ha/state}), written by that peer alone whatever its role. The owner is the part
 * before the first slash; versions are assigned per owner.
 */
public final class Keys {

  private Keys() {}

  /** The owner of a key (node id or station id), or {@code null} if the key has no owner part. */
  public static String owner(String key) {
    int slash = key.indexOf('/');
    return slash <= 0 ? null : key.substring(0, slash);
  }

  /** The node an owner belongs to: the owner itself, or the pair of a station owner. */
  public static String nodeOf(String owner) {
    int bracket = owner.indexOf('[');
    return bracket < 0 ? owner : owner.substring(0, bracket);
  }

  /** Whether the key is well formed: a valid owner, a slash, and a non-empty path. */
  public static boolean isValid(String key) {
    String owner = owner(key);
    return owner != null
        && (owner.indexOf('[') < 0
            ? NodeIds.isValid(owner)
            : StationId.parse(owner).filter(StationId::isPeer).isPresent())
        && key.length() > owner.length() + 1
        && key.length() <= 512;
  }

  /** Whether the key is owned by {@code nodeId}, a peer of it, or a node below it. */
  public static boolean isWithinSubtree(String key, String nodeId) {
    String owner = owner(key);
    return owner != null && NodeIds.isWithin(nodeOf(owner), nodeId);
  }

  /** Whether an owner belongs to {@code nodeId}'s subtree. */
  public static boolean ownerWithin(String owner, String nodeId) {
    return NodeIds.isWithin(nodeOf(owner), nodeId);
  }
}
