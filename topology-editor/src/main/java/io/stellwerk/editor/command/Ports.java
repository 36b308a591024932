package io.stellwerk.editor.command;

import io.stellwerk.node.topology.Address;
import io.stellwerk.node.topology.StationId;
import io.stellwerk.node.topology.Topology;

/** Picks base ports for new stations that clash with nothing on their host. */
final class Ports {

  /** Where port plans start when a host has no station yet. */
  static final int FIRST = 7100;

  private Ports() {}

  /** The lowest base port from {@link #FIRST} whose range is free on the host. */
  static int free(Topology t, String host) {
    int candidate = FIRST;
    boolean moved = true;
    while (moved) {
      moved = false;
      Address probe = new Address(host, candidate);
      for (StationId s : t.stations()) {
        Address a = t.address(s);
        if (a != null && a.clashesWith(probe)) {
          candidate = a.lastPort() + 1;
          moved = true;
        }
      }
    }
    return candidate;
  }
}
