package io.stellwerk.node.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stellwerk.node.dim.Value;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Captures the loopback traffic of a running federation with tcpdump (installed by .ci/run) and
 * looks for a process-image key and value in the captured bytes: with CURVE they never appear; in
 * plain text they do, which shows the capture sees the federation's traffic at all.
 */
@Timeout(120)
class TrafficCaptureTest {

  private static final String KEY = "root.s1/canary-key-7f3a";
  private static final String VALUE = "canary-value-e91c";

  @TempDir Path dir;
  private String report = "";

  private static String tree(int net) {
    return """
        federation: capture
        defaults: {heartbeat: 50ms, missed-beats: 4}
        root:
          id: root
          host: 127.0.%1$d.1
          port: 7100
          children:
            - id: root.s1
              host: 127.0.%1$d.2
              port: 7100
            - id: root.s2
              host: 127.0.%1$d.3
              port: 7100
        """
        .formatted(net);
  }

  @Test
  void withCurveNoKeyOrValueCrossesLoopbackInClear() throws Exception {
    byte[] captured = capture(new Cluster(tree(69)).secured(dir.resolve("keys")), 69);
    String bytes = new String(captured, StandardCharsets.ISO_8859_1);
    assertThat(captured.length)
        .as("the capture holds the federation's packets")
        .isGreaterThan(10_000);
    assertThat(bytes).doesNotContain(KEY).doesNotContain(VALUE).doesNotContain("root.s1/");
  }

  @Test
  void inPlainTextTheSameCaptureShowsThem() throws Exception {
    byte[] captured = capture(new Cluster(tree(59)), 59);
    String bytes = new String(captured, StandardCharsets.ISO_8859_1);
    assertThat(bytes).as(report).contains(KEY).contains(VALUE);
  }

  /** Runs the cluster under tcpdump, writes the canary at a leaf and returns the capture file. */
  private byte[] capture(Cluster cluster, int net) throws Exception {
    Path pcap = dir.resolve("lo-" + net + ".pcap");
    Process dump =
        new ProcessBuilder(
                "tcpdump",
                "-i",
                "lo",
                "-U",
                "-n",
                "-w",
                pcap.toString(),
                "net",
                "127.0." + net + ".0/24")
            .redirectErrorStream(true)
            .start();
    BufferedReader err =
        new BufferedReader(new InputStreamReader(dump.getInputStream(), StandardCharsets.UTF_8));
    try (cluster) {
      String line;
      // tcpdump says "listening on lo" once the capture runs.
      while ((line = err.readLine()) != null && !line.contains("listening on")) {
        if (line.contains("rror") || line.contains("ermission")) {
          throw new IOException("tcpdump: " + line);
        }
      }
      assertThat(line).as("tcpdump started").isNotNull();
      cluster.startAll();
      cluster.get("root.s1").write(KEY, Value.of(VALUE));
      await("the canary reaches the root and the sibling")
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  cluster.get("root").get(KEY).isPresent()
                      && cluster.get("root.s2").get(KEY).isPresent());
      // Packets reach the file in order: once a marker sent after the canary is there, every
      // packet of the federation before it is too.
      byte[] marker = ("capture-end-" + net).getBytes(StandardCharsets.US_ASCII);
      try (ServerSocket server =
              new ServerSocket(0, 1, InetAddress.getByName("127.0." + net + ".9"));
          Socket client = new Socket(server.getInetAddress(), server.getLocalPort());
          Socket accepted = server.accept()) {
        client.getOutputStream().write(marker);
        client.getOutputStream().flush();
        accepted.getInputStream().readNBytes(marker.length);
      }
      String m = new String(marker, StandardCharsets.ISO_8859_1);
      await("tcpdump has written everything up to the marker")
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> new String(Files.readAllBytes(pcap), StandardCharsets.ISO_8859_1).contains(m));
    } finally {
      // SIGTERM: tcpdump flushes the file and reports; Process.destroy would close its output.
      new ProcessBuilder("kill", "-TERM", Long.toString(dump.pid())).start().waitFor();
      if (!dump.waitFor(10, TimeUnit.SECONDS)) {
        dump.destroyForcibly();
      }
    }
    // tcpdump reports what it captured on exit ("N packets captured").
    StringBuilder r = new StringBuilder();
    for (String l = err.readLine(); l != null; l = err.readLine()) {
      r.append(l).append('\n');
    }
    report = r.toString();
    return Files.readAllBytes(pcap);
  }
}
