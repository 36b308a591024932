package io.stellwerk.node.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stellwerk.node.topology.StationId;
import io.stellwerk.node.topology.Topology;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.awaitility.core.ConditionTimeoutException;

/**
 * What the process-level HA tests see of a running local federation: the stations' management
 * answers (status, DIM entries, versions), asked either from the test's own network or, for a
 * federation inside a network namespace, through a {@link NamespaceProbeRelay} process in it. A
 * station that does not answer reads as {@code "down"} / {@code "none"}, so tests can poll through
 * kills and freezes.
 */
final class HaView implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** How long one request waits for its answer: generous, on a loaded machine. */
  static final Duration TIMEOUT = Duration.ofSeconds(3);

  /** Asks one station one management request: the reply, or null when none came in time. */
  private interface Asker extends AutoCloseable {
    JsonNode ask(String station, String json);

    @Override
    void close();
  }

  private final Asker asker;

  /** Every station of the federation, in topology order: what a failed wait reports on. */
  private final List<String> stations;

  /** What else a failed wait reports (the stations' HA log lines); set by the federation. */
  private Supplier<String> haLogs = () -> "";

  private HaView(Asker asker, Topology topology) {
    this.asker = asker;
    this.stations = topology.stations().stream().map(StationId::toString).toList();
  }

  /** What a failed wait prints besides the stations' answers, e.g. their HA log lines. */
  void reportOnTimeout(Supplier<String> haLogs) {
    this.haLogs = haLogs;
  }

  /** Asks the stations directly over loopback (plain text). */
  static HaView direct(Topology topology) {
    StationProbe probe = new StationProbe(topology, true);
    return new HaView(
        new Asker() {
          @Override
          public JsonNode ask(String station, String json) {
            return probe.ask(StationId.parse(station).orElseThrow(), json, TIMEOUT).orElse(null);
          }

          @Override
          public void close() {
            probe.close();
          }
        },
        topology);
  }

  /**
   * Asks the stations through a relay process started under {@code prefix} (e.g. {@code ip netns
   * exec NS}), for stations the test's own network cannot reach.
   */
  static HaView relayed(List<String> prefix, Path topologyFile, Topology topology, Path log)
      throws IOException {
    List<String> cmd =
        PlcSimProcess.javaCommand(
            prefix, NamespaceProbeRelay.class.getName(), topologyFile.toAbsolutePath().toString());
    Files.createDirectories(log.getParent());
    Process p =
        new ProcessBuilder(cmd)
            .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    Relay relay = new Relay(p);
    try {
      relay.answer();
    } catch (IOException e) {
      p.destroyForcibly();
      throw e;
    }
    return new HaView(relay, topology);
  }

  /** A {@link NamespaceProbeRelay} process, asked one request at a time. */
  private static final class Relay implements Asker {
    private final Process process;
    private final Writer to;
    private final BufferedReader from;

    Relay(Process process) {
      this.process = process;
      this.to = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
      this.from =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    @Override
    public synchronized JsonNode ask(String station, String json) {
      try {
        to.write(station + "\t" + json + "\n");
        to.flush();
        return answer();
      } catch (IOException e) {
        return null;
      }
    }

    private JsonNode answer() throws IOException {
      for (String line = from.readLine(); line != null; line = from.readLine()) {
        if (line.startsWith(NamespaceProbeRelay.ANSWER)) {
          JsonNode n = JSON.readTree(line.substring(NamespaceProbeRelay.ANSWER.length()));
          return n.isNull() ? null : n;
        }
      }
      throw new IOException("the relay process ended");
    }

    @Override
    public synchronized void close() {
      try {
        to.close();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
      } catch (IOException e) {
        process.destroyForcibly();
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Any management request; null when the station does not answer or answers with an error. */
  JsonNode ask(String station, String json) {
    return asker.ask(station, json);
  }

  /** The station's status, or null. */
  JsonNode status(String station) {
    return ask(station, "{\"op\":\"status\"}");
  }

  /**
   * The station's HA state (waiting, active, passive), or {@code "down"} when it does not answer.
   */
  String state(String station) {
    JsonNode s = status(station);
    return s == null ? "down" : s.path("ha").path("state").asText();
  }

  /** Whether the peer answers and counts itself ready (caught up with its peer and neighbours). */
  boolean ready(String station) {
    JsonNode s = status(station);
    return s != null && s.path("ha").path("ready").asBoolean(false);
  }

  /** Whether the station hears its peer and the peer last said it is ready. */
  boolean peerReady(String station) {
    JsonNode s = status(station);
    JsonNode p = s == null ? null : s.path("ha").path("peer");
    return p != null && p.path("alive").asBoolean(false) && p.path("ready").asBoolean(false);
  }

  /** The value of a key in the station's DIM, or {@code "none"}. */
  String value(String station, String key) {
    JsonNode e = ask(station, "{\"op\":\"get\",\"key\":\"" + key + "\"}");
    return e == null ? "none" : e.path("value").asText();
  }

  /** Which peer of {@code pair} the station's DIM names as active. */
  String activeSeenBy(String station, String pair) {
    return value(station, pair + "/ha/active");
  }

  /** The versions of the keys under {@code prefix} in the station's DIM (empty when down). */
  Map<String, String> versions(String station, String prefix) {
    return entries(station, prefix, "version");
  }

  /** The values of the keys under {@code prefix} in the station's DIM (empty when down). */
  Map<String, String> values(String station, String prefix) {
    return entries(station, prefix, "value");
  }

  private Map<String, String> entries(String station, String prefix, String field) {
    JsonNode r = ask(station, "{\"op\":\"keys\",\"prefix\":\"" + prefix + "\",\"limit\":100000}");
    Map<String, String> out = new HashMap<>();
    if (r != null) {
      r.path("entries").forEach(e -> out.put(e.path("key").asText(), e.path(field).asText()));
    }
    return out;
  }

  /** The state of each of the station's links by neighbour (live, syncing, down); empty if down. */
  Map<String, String> links(String station) {
    JsonNode s = status(station);
    Map<String, String> out = new HashMap<>();
    if (s != null) {
      s.path("links").forEach(l -> out.put(l.path("neighbour").asText(), l.path("state").asText()));
    }
    return out;
  }

  /** The state of the station's link to {@code neighbour} (live, syncing, down), or "none". */
  String link(String station, String neighbour) {
    return links(station).getOrDefault(neighbour, "none");
  }

  /** Starts the station's load generator: {@code keys} keys at {@code rate} writes/s. */
  void load(String writer, int rate, int keys, long millis) {
    JsonNode ok =
        ask(
            writer,
            "{\"op\":\"load\",\"rate\":"
                + rate
                + ",\"keys\":"
                + keys
                + ",\"durationMs\":"
                + millis
                + "}");
    if (ok == null) {
      throw new AssertionError(writer + " did not accept the load");
    }
  }

  /**
   * Waits until the writer's load generator has stopped, and returns the versions of the {@code
   * keys} keys it wrote under {@code prefix}.
   */
  Map<String, String> written(String writer, String prefix, int keys) {
    loadRunsOut(writer);
    Map<String, String> v = versions(writer, prefix);
    assertThat(v).as("what %s wrote under %s", writer, prefix).hasSize(keys);
    return v;
  }

  /** Waits until the writer's load generator has stopped. */
  void loadRunsOut(String writer) {
    await(writer + "'s load runs out")
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              JsonNode p = ask(writer, "{\"op\":\"probe\"}");
              return p != null
                  && !p.path("loading").asBoolean(true)
                  && p.path("written").asLong() > 0;
            });
  }

  /** What the station's HA status says of its peer: its state, or "silent" when not heard. */
  String peerSeenAs(String station) {
    JsonNode s = status(station);
    if (s == null) {
      return "down";
    }
    JsonNode p = s.path("ha").path("peer");
    return p.path("alive").asBoolean(false) ? p.path("state").asText() : "silent";
  }

  /** The other peer of the pair {@code peer} belongs to. */
  static String otherPeer(String peer) {
    return peer.endsWith("[primary]")
        ? peer.replace("[primary]", "[backup]")
        : peer.replace("[backup]", "[primary]");
  }

  /** Waits for a healthy start: primary active, backup passive, everyone following the primary. */
  void healthyStart(String pair, List<String> followers) {
    awaitOrReport(
        "healthy start of " + pair + ": primary active, backup passive",
        Duration.ofSeconds(90),
        () ->
            state(pair + "[primary]").equals("active")
                && state(pair + "[backup]").equals("passive"));
    followed(pair, pair + "[primary]", followers);
  }

  /** Waits until {@code active} is active and every follower's DIM names it the pair's active. */
  void followed(String pair, String active, List<String> followers) {
    awaitOrReport(
        followers + " follow " + active,
        Duration.ofSeconds(30),
        () ->
            state(active).equals("active")
                && followers.stream().allMatch(f -> activeSeenBy(f, pair).equals(active)));
  }

  /**
   * Waits for {@code condition}; when it does not hold in time, fails with what every station says
   * of itself (HA state, its peer, its last HA alarm) in the message, and prints the HA lines of
   * their logs: a wait that times out on a loaded machine must say what the pair did instead.
   */
  void awaitOrReport(String what, Duration atMost, Callable<Boolean> condition) {
    try {
      await(what).atMost(atMost).pollInterval(Duration.ofMillis(200)).until(condition);
    } catch (ConditionTimeoutException e) {
      String logs = haLogs.get();
      if (!logs.isEmpty()) {
        System.err.println("HA log lines of every station when '" + what + "' timed out:");
        System.err.println(logs);
      }
      throw new AssertionError(
          "not within " + atMost.toSeconds() + " s: " + what + "; the stations say: " + snapshot(),
          e);
    }
  }

  /** One line on each station: its HA state, what it hears of its peer, its last HA alarm. */
  String snapshot() {
    StringBuilder out = new StringBuilder();
    for (String station : stations) {
      JsonNode s = status(station);
      out.append(out.length() == 0 ? "" : "; ").append(station).append(' ');
      if (s == null) {
        out.append("does not answer");
        continue;
      }
      JsonNode ha = s.path("ha");
      if (ha.isMissingNode()) {
        out.append("up");
        continue;
      }
      JsonNode p = ha.path("peer");
      out.append(ha.path("state").asText())
          .append(" (peer ")
          .append(p.path("alive").asBoolean(false) ? p.path("state").asText() : "silent")
          .append(", last alarm '")
          .append(ha.path("lastAlarm").asText())
          .append("')");
    }
    return out.toString();
  }

  @Override
  public void close() {
    asker.close();
  }
}
