package io.stellwerk.node.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stellwerk.node.cli.StellwerkNode;
import io.stellwerk.node.topology.Topology;
import io.stellwerk.node.topology.TopologyLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A plain-text local federation for the process-level HA tests: its topology file, its station
 * processes (none started yet) and a {@link HaView} of them. Closing it stops every process.
 */
final class HaFederation implements AutoCloseable {

  final Path file;
  final Topology topology;
  final LocalFederation fed;
  final HaView view;

  private HaFederation(Path file, Topology topology, LocalFederation fed, HaView view) {
    this.file = file;
    this.topology = topology;
    this.fed = fed;
    this.view = view;
    view.reportOnTimeout(this::haLines);
  }

  /** Every station's HA log lines (its "HA ..." alarms and stalls), station by station. */
  String haLines() {
    StringBuilder out = new StringBuilder();
    for (var s : topology.stations()) {
      String station = s.toString();
      out.append("-- ").append(station).append('\n');
      log(station)
          .lines()
          .filter(
              l ->
                  l.contains("HA " + station + ":")
                      || l.contains("stalled")
                      || l.contains("link down"))
          .forEach(l -> out.append(l).append('\n'));
    }
    return out.toString();
  }

  /** A federation on the test's own loopback, asked directly. */
  static HaFederation direct(Path work, String tree) throws IOException {
    Path file = write(work, tree);
    Topology topology = TopologyLoader.load(file).valid().orElseThrow();
    return new HaFederation(
        file, topology, processes(file, topology, work, List.of()), HaView.direct(topology));
  }

  /** A federation whose stations run inside {@code ns}, asked through a relay inside it. */
  static HaFederation inside(NetNamespace ns, Path work, String tree) throws IOException {
    Path file = write(work, tree);
    Topology topology = TopologyLoader.load(file).valid().orElseThrow();
    LocalFederation fed = processes(file, topology, work, ns.exec());
    try {
      return new HaFederation(
          file,
          topology,
          fed,
          HaView.relayed(ns.exec(), file, topology, work.resolve("relay.log")));
    } catch (IOException | RuntimeException e) {
      fed.close();
      throw e;
    }
  }

  private static Path write(Path work, String tree) throws IOException {
    Path file = work.resolve("topology.yaml");
    Files.writeString(file, tree);
    return file;
  }

  private static LocalFederation processes(
      Path file, Topology topology, Path work, List<String> prefix) {
    return LocalFederation.insecure(
        file, topology, work.resolve("run"), List.of("--log-level", "warn"), prefix);
  }

  /** The station's log so far. */
  String log(String station) {
    Path f = fed.workDir().resolve(station.replace('[', '_').replace("]", "") + ".log");
    try {
      return Files.exists(f) ? Files.readString(f, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** How many lines of the station's log contain {@code text}. */
  long logged(String station, String text) {
    return log(station).lines().filter(l -> l.contains(text)).count();
  }

  /** The time stamp of the first line of {@code log} that contains {@code text}, or null. */
  static LocalTime loggedAt(String log, String text) {
    return log.lines()
        .filter(l -> l.contains(text))
        .findFirst()
        .map(l -> LocalTime.parse(l.substring(0, 12)))
        .orElse(null);
  }

  /** One run of {@code stellwerk-node ha switchover} (the operator's command). */
  record Switchover(int status, String out) {}

  /**
   * Runs {@code stellwerk-node ha switchover --topology F --local --insecure [OPTIONS] PAIR} in
   * this JVM.
   */
  Switchover switchover(String pair, String... options) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    List<String> args =
        new java.util.ArrayList<>(
            List.of("ha", "switchover", "--topology", file.toString(), "--local", "--insecure"));
    args.addAll(List.of(options));
    args.add(pair);
    int status =
        StellwerkNode.commandLine(new PrintWriter(out, true), new PrintWriter(err, true))
            .execute(args.toArray(String[]::new));
    return new Switchover(status, out.toString() + err);
  }

  /**
   * Restarts {@code peer} while {@code neighbour}, a station it must catch up with, is frozen: the
   * peer comes back passive but does not count as ready, and the operator's switchover is refused
   * with that reason. Once the neighbour thaws the peer catches up, and when it first counts as
   * ready it holds every version of {@code expected} (key prefix to versions).
   */
  void restartedPeerCatchesUpBeforeItIsReady(
      String pair, String peer, String neighbour, Map<String, Map<String, String>> expected)
      throws IOException, InterruptedException {
    String active = HaView.otherPeer(peer);
    fed.signal(neighbour, "STOP");
    try {
      fed.start(peer);
      await(peer + " comes back passive and " + active + " hears it")
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(200))
          .until(
              () ->
                  view.state(peer).equals("passive") && view.peerSeenAs(active).equals("passive"));
      Switchover early = switchover(pair);
      assertThat(early.out())
          .contains("rejected: peer " + peer + " is not ready (passive, still catching up)");
      assertThat(early.status()).isEqualTo(1);
      assertThat(view.ready(peer)).isFalse();
      assertThat(view.state(active)).isEqualTo("active");
    } finally {
      fed.signal(neighbour, "CONT");
    }
    await(peer + " counts as ready once it has caught up with " + neighbour)
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> view.ready(peer));
    expected.forEach(
        (prefix, versions) ->
            assertThat(view.versions(peer, prefix))
                .as("what %s holds under %s when it first counts as ready", peer, prefix)
                .isEqualTo(versions));
  }

  /**
   * Runs the operator's switchover on a pair whose active is {@code from} once {@code from} counts
   * its peer ready, and waits until everyone follows the other peer. On a loaded machine the peer's
   * readiness can lapse between the status that showed it and the command (a link stalls past its
   * deadline and resyncs), or the active may not answer the command's status request in time: the
   * command then says so (the peer is not ready, or the active did not answer) and is given again;
   * any other refusal fails.
   */
  void switchedOver(String pair, String from, List<String> followers) {
    String to = HaView.otherPeer(from);
    await(from + " hands over to " + to + " once it is ready")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              if (!view.peerReady(from)) {
                return false;
              }
              Switchover r = switchover(pair);
              if (r.status() == 0) {
                assertThat(r.out()).contains("done (switchover via " + from + ")");
                return true;
              }
              assertThat(r.out())
                  .containsPattern(
                      "rejected: peer "
                          + Pattern.quote(to)
                          + " is (not ready \\(passive, still catching up\\)|not reachable)"
                          + "|error: "
                          + Pattern.quote(from)
                          + " is active \\(its peer hears it\\) but did not answer within");
              return false;
            });
    view.followed(pair, HaView.otherPeer(from), followers);
    assertThat(view.state(from)).isEqualTo("passive");
    // The other peer was ready, in sync with everything this one wrote: nothing is superseded.
    assertThat(log(from).lines().filter(l -> l.contains("stepped down to")).reduce((a, b) -> b))
        .hasValueSatisfying(
            l -> assertThat(l).endsWith("stepped down to passive (operator switchover)"));
  }

  @Override
  public void close() {
    view.close();
    fed.close();
    String keep = System.getenv("KEEP_LOGS");
    if (keep != null) {
      // One directory per federation (its temporary directory's name), so a class's tests and
      // repeated runs do not overwrite each other's logs.
      Path into = Path.of(keep).resolve(fed.workDir().getParent().getFileName().toString());
      try {
        Files.createDirectories(into);
        new ProcessBuilder("cp", "-r", fed.workDir().toString(), into.toString()).start().waitFor();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
