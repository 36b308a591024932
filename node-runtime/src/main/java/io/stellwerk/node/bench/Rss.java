package io.stellwerk.node.bench;

import io.stellwerk.node.launcher.LocalFederation;
import io.stellwerk.node.topology.StationId;
import io.stellwerk.node.topology.Topology;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Resident memory of station processes, from /proc. */
final class Rss {

  private Rss() {}

  static int maxMb(LocalFederation fed, Topology t) {
    int max = 0;
    for (StationId s : t.stations()) {
      Process p = fed.process(s.toString());
      if (p != null && p.isAlive()) {
        max = Math.max(max, mb(p.pid()));
      }
    }
    return max;
  }

  static int mb(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return (int) (Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024);
        }
      }
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
    return 0;
  }
}
