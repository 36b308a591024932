package io.stellwerk.node.launcher;

import io.stellwerk.node.topology.StationId;
import io.stellwerk.node.topology.Topology;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A federation running on this machine: one {@code stellwerk-node run --local} process per station,
 * each logging to its own file. Processes are stopped with SIGTERM (then SIGKILL after a grace
 * period) on {@link #close()} and by a shutdown hook, so none is left behind.
 */
public final class LocalFederation implements AutoCloseable {

  private final Path topologyFile;
  private final Topology topology;
  private final Path workDir;
  private final List<String> extraArgs;
  private final List<String> commandPrefix;
  private final Map<String, Process> processes = new LinkedHashMap<>();
  private final Thread hook = new Thread(this::close, "local-federation-stop");

  /**
   * @param topologyFile the topology every station runs
   * @param topology the loaded topology
   * @param workDir where each station's data directory and log file go
   * @param extraArgs more arguments for every {@code run} (e.g. {@code --log-level})
   */
  public LocalFederation(
      Path topologyFile, Topology topology, Path workDir, List<String> extraArgs) {
    this(topologyFile, topology, workDir, extraArgs, List.of());
  }

  /**
   * As above, with a command every station runs under, such as {@code ip netns exec NS} to run the
   * stations inside a network namespace.
   */
  public LocalFederation(
      Path topologyFile,
      Topology topology,
      Path workDir,
      List<String> extraArgs,
      List<String> commandPrefix) {
    this.commandPrefix = List.copyOf(commandPrefix);
    this.topologyFile = topologyFile;
    this.topology = topology;
    this.workDir = workDir;
    this.extraArgs = List.copyOf(extraArgs);
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** Starts every station that is not running. */
  public void startAll() throws IOException {
    for (StationId s : topology.stations()) {
      if (!isRunning(s.toString())) {
        start(s.toString());
      }
    }
  }

  /** Starts one station as its own process. */
  public synchronized Process start(String station) throws IOException {
    Files.createDirectories(workDir);
    String safe = station.replace('[', '_').replace("]", "");
    List<String> cmd = new ArrayList<>(commandPrefix);
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx256m");
    cmd.add("-XX:+UseSerialGC");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("io.stellwerk.node.cli.StellwerkNode");
    cmd.add("run");
    cmd.add("--topology");
    cmd.add(topologyFile.toAbsolutePath().toString());
    cmd.add("--node");
    cmd.add(station);
    cmd.add("--local");
    cmd.add("--data");
    cmd.add(workDir.resolve(safe).toString());
    cmd.addAll(extraArgs);
    File log = workDir.resolve(safe + ".log").toFile();
    Process p =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log))
            .start();
    processes.put(station, p);
    return p;
  }

  public synchronized boolean isRunning(String station) {
    Process p = processes.get(station);
    return p != null && p.isAlive();
  }

  /** The process of a station, if started. */
  public synchronized Process process(String station) {
    return processes.get(station);
  }

  /** kill -9: the station dies without any cleanup. */
  public void kill(String station) throws InterruptedException {
    Process p = process(station);
    if (p != null) {
      p.destroyForcibly();
      p.waitFor(5, TimeUnit.SECONDS);
    }
  }

  /** Sends SIGSTOP (freeze) or SIGCONT (thaw) to a station's process. */
  public void signal(String station, String signal) throws IOException, InterruptedException {
    Process p = process(station);
    if (p == null) {
      return;
    }
    Process kill =
        new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).inheritIO().start();
    kill.waitFor(5, TimeUnit.SECONDS);
  }

  /** Stops one station gracefully (SIGTERM, then SIGKILL after 5 s). */
  public void stop(String station) throws InterruptedException {
    Process p = process(station);
    if (p == null) {
      return;
    }
    p.destroy();
    if (!p.waitFor(5, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      p.waitFor(5, TimeUnit.SECONDS);
    }
  }

  public Topology topology() {
    return topology;
  }

  public Path workDir() {
    return workDir;
  }

  @Override
  public void close() {
    List<Process> all;
    synchronized (this) {
      all = new ArrayList<>(processes.values());
    }
    all.forEach(Process::destroy);
    for (Process p : all) {
      try {
        if (!p.waitFor(5, TimeUnit.SECONDS)) {
          p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        p.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // already shutting down: this is the hook
    }
  }
}
