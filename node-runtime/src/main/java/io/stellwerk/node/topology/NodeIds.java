package io.stellwerk.node.topology;

import java.util.regex.Pattern;

/**
 * Node ids are dot paths from the root: {@code root}, {@code root.s1}, {@code root.s1.pump3}. Each
 * segment starts with a letter and holds letters, digits, {@code _} and {@code -}.
 */
public final class NodeIds {

  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,62}");

  private NodeIds() {}

  /** Whether {@code id} is a syntactically valid dot path. */
  public static boolean isValid(String id) {
    if (id == null || id.isEmpty() || id.length() > 255) {
      return false;
    }
    for (String segment : id.split("\\.", -1)) {
      if (!SEGMENT.matcher(segment).matches()) {
        return false;
      }
    }
    return true;
  }

  /** The parent's id, or {@code null} for a single-segment id. */
  public static String parentOf(String id) {
    int dot = id.lastIndexOf('.');
    return dot < 0 ? null : id.substring(0, dot);
  }

  /** The last segment of the id. */
  public static String lastSegment(String id) {
    return id.substring(id.lastIndexOf('.') + 1);
  }

  /** Whether {@code id} is {@code ancestor} itself or lies below it. */
  public static boolean isWithin(String id, String ancestor) {
    return id.equals(ancestor) || id.startsWith(ancestor + ".");
  }
}
