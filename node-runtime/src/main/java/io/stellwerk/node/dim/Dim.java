package io.stellwerk.node.dim;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A node's replica of the process image. {@link #apply} takes an entry only if it is newer than
 * what is held for its key, so the same update may arrive twice, by two paths, in any order, and
 * the result is the same. Owned by one thread (the node's event loop).
 */
public final class Dim {

  /** Orders entries as deltas must be applied: by owner, then version. */
  public static final Comparator<Entry> DELTA_ORDER =
      Comparator.comparing(Entry::owner).thenComparing(Entry::version);

  private final Map<String, Entry> entries = new HashMap<>();
  private final VersionVector vector = new VersionVector();

  /**
   * Applies an entry if it is newer than the held one.
   *
   * @return whether the entry changed the DIM
   */
  public boolean apply(Entry e) {
    Entry held = entries.get(e.key());
    if (held != null && !e.version().isNewerThan(held.version())) {
      return false;
    }
    entries.put(e.key(), e);
    vector.advance(e.owner(), e.version());
    return true;
  }

  /** The entry for a key (tombstones included), or {@code null}. */
  public Entry get(String key) {
    return entries.get(key);
  }

  /** Live (non-tombstone) entries whose key starts with the prefix, sorted by key. */
  public List<Entry> byPrefix(String prefix, int limit) {
    List<Entry> out = new ArrayList<>();
    for (Entry e : entries.values()) {
      if (!e.isTombstone() && e.key().startsWith(prefix)) {
        out.add(e);
      }
    }
    out.sort(Comparator.comparing(Entry::key));
    return out.size() > limit ? out.subList(0, limit) : out;
  }

  /** The number of entries that are not tombstones. */
  public int liveSize() {
    int n = 0;
    for (Entry e : entries.values()) {
      if (!e.isTombstone()) {
        n++;
      }
    }
    return n;
  }

  /** The number of entries including tombstones. */
  public int size() {
    return entries.size();
  }

  /** The highest version held per owner. */
  public VersionVector vector() {
    return vector;
  }

  /**
   * What the other replica lacks: entries of the selected owners newer than its vector, in {@link
   * #DELTA_ORDER} so an interrupted delta never leaves a hole below the receiver's vector.
   */
  public List<Entry> newerThan(VersionVector theirs, Predicate<String> owners) {
    List<Entry> out = new ArrayList<>();
    for (Entry e : entries.values()) {
      String owner = e.owner();
      if (owners.test(owner) && e.version().isNewerThan(theirs.get(owner))) {
        out.add(e);
      }
    }
    out.sort(DELTA_ORDER);
    return out;
  }

  /**
   * A digest of the whole replica (keys, versions, values, tombstones) that two nodes holding the
   * same image share.
   */
  public String digest() {
    List<Entry> sorted = new ArrayList<>(entries.values());
    sorted.sort(Comparator.comparing(Entry::key));
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    ByteBuffer buf = ByteBuffer.allocate(17);
    for (Entry e : sorted) {
      md.update(e.key().getBytes(StandardCharsets.UTF_8));
      buf.clear();
      buf.putLong(e.version().epoch()).putLong(e.version().seq()).put((byte) (e.forced() ? 1 : 0));
      md.update(buf.array());
      if (e.value() != null) {
        md.update(e.value().canonicalBytes());
      }
    }
    return HexFormat.of().formatHex(md.digest(), 0, 12);
  }
}
