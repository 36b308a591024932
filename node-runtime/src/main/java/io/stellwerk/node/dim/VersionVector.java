package io.stellwerk.node.dim;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The highest version seen per owner. Two replicas exchange vectors after (re)connect and each
 * sends what is newer than the other's entry for that owner.
 */
public final class VersionVector {

  private final Map<String, Version> byOwner = new HashMap<>();

  /** The highest version held for the owner, or {@link Version#ZERO}. */
  public Version get(String owner) {
    return byOwner.getOrDefault(owner, Version.ZERO);
  }

  /** Raises the owner's entry to {@code v} if it is newer. */
  public void advance(String owner, Version v) {
    Version held = byOwner.get(owner);
    if (held == null || v.compareTo(held) > 0) {
      byOwner.put(owner, v);
    }
  }

  /** A copy that later advances of this vector do not change. */
  public VersionVector copy() {
    return filter(o -> true);
  }

  /** The entries whose owner passes the filter. */
  public VersionVector filter(Predicate<String> owners) {
    VersionVector out = new VersionVector();
    byOwner.forEach(
        (o, v) -> {
          if (owners.test(o)) {
            out.byOwner.put(o, v);
          }
        });
    return out;
  }

  /** A copy sorted by owner. */
  public Map<String, Version> asMap() {
    return Collections.unmodifiableMap(new TreeMap<>(byOwner));
  }

  /** The number of owners. */
  public int size() {
    return byOwner.size();
  }
}
