package io.stellwerk.node.dim;

import io.stellwerk.node.topology.NodeIds;

/**
 * DIM keys start with their owner's node id: {@code root.s1/ventilation/fan3/speed}. The owner is
 * the part before the first slash.
 */
public final class Keys {

  private Keys() {}

  /** The owning node id of a key, or {@code null} if the key has no owner part. */
  public static String owner(String key) {
    int slash = key.indexOf('/');
    return slash <= 0 ? null : key.substring(0, slash);
  }

  /** Whether the key is well formed: a valid owner id, a slash, and a non-empty path. */
  public static boolean isValid(String key) {
    String owner = owner(key);
    return owner != null
        && NodeIds.isValid(owner)
        && key.length() > owner.length() + 1
        && key.length() <= 512;
  }

  /** Whether the key is owned by {@code nodeId} or a node below it. */
  public static boolean isWithinSubtree(String key, String nodeId) {
    String owner = owner(key);
    return owner != null && NodeIds.isWithin(owner, nodeId);
  }
}
