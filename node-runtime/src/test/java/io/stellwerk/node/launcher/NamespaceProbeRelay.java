package io.stellwerk.node.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import io.stellwerk.node.topology.StationId;
import io.stellwerk.node.topology.Topology;
import io.stellwerk.node.topology.TopologyLoader;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Runs inside a network namespace (under {@code ip netns exec NS}) and answers, for a test outside
 * it, management requests to the stations of a local federation in that namespace: one request a
 * line on stdin ({@code station TAB json}), one answer a line on stdout ({@link #ANSWER} followed
 * by the JSON reply, or {@code null} when the station did not answer within {@link HaView#TIMEOUT}
 * or answered with an error). Ends when stdin closes.
 */
public final class NamespaceProbeRelay {

  /** Marks an answer line, so nothing else a library prints on stdout is taken for one. */
  static final String ANSWER = "relay-answer ";

  private NamespaceProbeRelay() {}

  /**
   * @param args the topology file of the federation
   */
  public static void main(String[] args) throws Exception {
    Topology topology = TopologyLoader.load(Path.of(args[0])).valid().orElseThrow();
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    try (StationProbe probe = new StationProbe(topology, true)) {
      out.println(ANSWER + "{\"ready\":true}");
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        int tab = line.indexOf('\t');
        JsonNode answer =
            probe
                .ask(
                    StationId.parse(line.substring(0, tab)).orElseThrow(),
                    line.substring(tab + 1),
                    HaView.TIMEOUT)
                .orElse(null);
        out.println(ANSWER + (answer == null ? "null" : answer.toString()));
      }
    }
    System.exit(0);
  }
}
