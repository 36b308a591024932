package io.stellwerk.node.ha;

import java.util.Locale;

/** The states of one peer of a pair. */
public enum HaState {
  /** Started, has not yet seen its peer and has no vote: waits, never takes over alone. */
  WAITING,
  /** Acts for the pair: writes the pair's keys, drives the PLC, executes commands. */
  ACTIVE,
  /** Hot standby: applies everything it hears, takes over on a vote when the peer is silent. */
  PASSIVE;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a label as published in the DIM; WAITING for anything unknown. */
  public static HaState ofLabel(String s) {
    for (HaState h : values()) {
      if (h.label().equals(s)) {
        return h;
      }
    }
    return WAITING;
  }
}
