package io.stellwerk.node.topology;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names one running process of the federation: a single node ({@code root.s1}) or one peer of a
 * pair ({@code root[backup]}).
 *
 * @param nodeId the node's dot-path id
 * @param role the peer role, or {@code null} for a single node
 */
public record StationId(String nodeId, PeerRole role) {

  private static final Pattern SYNTAX = Pattern.compile("([^\\[\\]]+)(?:\\[(primary|backup)])?");

  /** A single node's station. */
  public static StationId single(String nodeId) {
    return new StationId(nodeId, null);
  }

  /** One peer of a pair. */
  public static StationId peer(String nodeId, PeerRole role) {
    return new StationId(nodeId, role);
  }

  /** Parses {@code id} or {@code id[primary|backup]}; empty if the text is not of that form. */
  public static Optional<StationId> parse(String text) {
    Matcher m = SYNTAX.matcher(text.trim());
    if (!m.matches() || !NodeIds.isValid(m.group(1))) {
      return Optional.empty();
    }
    PeerRole role =
        m.group(2) == null ? null : PeerRole.valueOf(m.group(2).toUpperCase(Locale.ROOT));
    return Optional.of(new StationId(m.group(1), role));
  }

  /** Whether this is a peer of a pair. */
  public boolean isPeer() {
    return role != null;
  }

  /** The other peer of the same pair. */
  public StationId otherPeer() {
    if (role == null) {
      throw new IllegalStateException(nodeId + " is not a pair peer");
    }
    return new StationId(nodeId, role.other());
  }

  @Override
  public String toString() {
    return role == null ? nodeId : nodeId + "[" + role.label() + "]";
  }
}
