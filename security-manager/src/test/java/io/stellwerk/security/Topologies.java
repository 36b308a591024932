package io.stellwerk.security;

import io.stellwerk.node.topology.LoadResult;
import io.stellwerk.node.topology.Topology;
import io.stellwerk.node.topology.TopologyLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Topology files for tests, written to a directory of the test and read back. */
public final class Topologies {

  /** A root pair with two child sections: five stations, on the security manager's addresses. */
  public static final String PAIR_WITH_TWO_CHILDREN =
      """
      federation: secmgr
      root:
        id: root
        pair:
          primary: {host: 127.0.110.1, port: 7100}
          backup: {host: 127.0.110.2, port: 7100}
        children:
          - id: root.s1
            host: 127.0.110.3
            port: 7100
          - id: root.s2
            host: 127.0.110.4
            port: 7100
      """;

  /** One station alone, for a running node. */
  public static final String ONE_STATION =
      """
      federation: secmgr-one
      defaults: {heartbeat: 100ms, missed-beats: 5}
      root:
        id: root
        host: 127.0.111.1
        port: 7100
      """;

  private Topologies() {}

  /** Writes {@code yaml} as {@code dir/topology.yaml}. */
  public static Path write(Path dir, String yaml) throws IOException {
    Path file = dir.resolve("topology.yaml");
    Files.writeString(file, yaml);
    return file;
  }

  /** Reads a topology file; fails the test when it is invalid. */
  public static Topology read(Path file) {
    LoadResult r = TopologyLoader.load(file);
    if (!r.ok()) {
      throw new IllegalArgumentException("test topology invalid: " + r.problems());
    }
    return r.topology();
  }
}
