package io.stellwerk.security.core;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One key of a key directory, as the keys view shows it.
 *
 * @param name the station ({@code root[primary]}), workstation ({@code engineering}), or for a key
 *     only found in trust stores the identity it is bound to ({@code ?} when none)
 * @param kind what holds the key
 * @param fingerprint {@code SHA256:...}
 * @param secretPresent whether the directory holds its secret certificate
 * @param trustedBy every bundle whose trust store holds the key, with role and state
 */
public record KeyRow(
    String name, Kind kind, String fingerprint, boolean secretPresent, List<Trust> trustedBy) {

  /** What holds a key. */
  public enum Kind {
    /** A station of the topology ({@code stations/}). */
    STATION,
    /** An engineering workstation ({@code workstations/}). */
    WORKSTATION,
    /** A key no certificate file names, only a trust store (e.g. one that knocked). */
    OTHER;

    /** The word the view shows. */
    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * Where a key is trusted.
   *
   * @param station the station whose bundle holds the entry
   * @param role what the key is to that station ({@code parent}, ...), or {@code null}
   * @param state the entry's state ({@code accepted}, {@code pending}, ...)
   */
  public record Trust(String station, String role, String state) {
    @Override
    public String toString() {
      return station
          + " as "
          + (role == null ? "?" : role)
          + (state.equals("accepted") ? "" : " (" + state + ")");
    }
  }

  public KeyRow {
    trustedBy = List.copyOf(trustedBy);
  }

  /**
   * The key's state over all trust stores: their distinct states in order of concern (conflict,
   * pending, rejected, accepted), or {@code untrusted} when no store holds it.
   */
  public String state() {
    if (trustedBy.isEmpty()) {
      return "untrusted";
    }
    return java.util.stream.Stream.of("conflict", "pending", "rejected", "accepted")
        .filter(s -> trustedBy.stream().anyMatch(t -> t.state().equals(s)))
        .collect(Collectors.joining(", "));
  }

  /** Where the key is trusted, as one line ({@code root[primary] as parent, ...}). */
  public String trustedByText() {
    return trustedBy.stream().map(Trust::toString).collect(Collectors.joining(", "));
  }
}
