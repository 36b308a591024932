package io.stellwerk.node.topology;

import java.util.Locale;

/** The two peers of a hot-standby pair. The primary is the one that becomes active first. */
public enum PeerRole {
  PRIMARY,
  BACKUP;

  /** The name used in files and ids: {@code primary} or {@code backup}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The other peer of the pair. */
  public PeerRole other() {
    return this == PRIMARY ? BACKUP : PRIMARY;
  }
}
