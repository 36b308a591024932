package io.stellwerk.node.launcher;

import io.stellwerk.node.management.ManagementClient;
import io.stellwerk.node.security.Bundles;
import io.stellwerk.node.security.KeyFiles;
import io.stellwerk.node.security.Workstation;
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
  private final Path keysDir;
  private final Workstation workstation;
  private final List<String> commandPrefix;
  private final Map<String, Process> processes = new LinkedHashMap<>();
  private final Thread hook = new Thread(this::close, "local-federation-stop");

  /**
   * @param topologyFile the topology every station runs
   * @param topology the loaded topology
   * @param workDir where each station's data directory and log file go
   * @param extraArgs more arguments for every {@code run} (e.g. {@code --log-level})
   */
  private LocalFederation(
      Path topologyFile,
      Topology topology,
      Path workDir,
      List<String> extraArgs,
      Path keysDir,
      List<String> commandPrefix) {
    this.commandPrefix = List.copyOf(commandPrefix);
    this.topologyFile = topologyFile;
    this.topology = topology;
    this.workDir = workDir;
    this.extraArgs = List.copyOf(extraArgs);
    this.keysDir = keysDir;
    this.workstation = keysDir == null ? null : Workstation.load(keysDir, Workstation.DEFAULT_NAME);
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /**
   * A secured federation: every station runs CURVE with its bundle from {@code keysDir}; the keys
   * are generated there first if it holds none (a demo generates its keys on first run).
   *
   * @param topologyFile the topology every station runs
   * @param topology the loaded topology
   * @param workDir where each station's data directory and log file go
   * @param keysDir what {@code keys generate} writes (stations/, workstations/, bundles/)
   * @param extraArgs more arguments for every {@code run} (e.g. {@code --log-level})
   */
  public static LocalFederation secured(
      Path topologyFile, Topology topology, Path workDir, Path keysDir, List<String> extraArgs) {
    if (!Files.isDirectory(keysDir.resolve("bundles"))) {
      Bundles.generate(topology, topologyFile, keysDir, Workstation.DEFAULT_NAME, false);
    }
    return new LocalFederation(topologyFile, topology, workDir, extraArgs, keysDir, List.of());
  }

  /** A federation in plain text ({@code run --insecure}): benchmarks' baseline, lab tests. */
  public static LocalFederation insecure(
      Path topologyFile, Topology topology, Path workDir, List<String> extraArgs) {
    return new LocalFederation(topologyFile, topology, workDir, extraArgs, null, List.of());
  }

  /**
   * A plain-text federation whose stations run under a command, such as {@code ip netns exec NS} to
   * run them inside a network namespace.
   */
  public static LocalFederation insecure(
      Path topologyFile,
      Topology topology,
      Path workDir,
      List<String> extraArgs,
      List<String> commandPrefix) {
    return new LocalFederation(topologyFile, topology, workDir, extraArgs, null, commandPrefix);
  }

  /** The workstation whose key the stations' management sockets admit; null when insecure. */
  public Workstation workstation() {
    return workstation;
  }

  /** A management client that speaks this federation's security (close it after use). */
  public ManagementClient client() {
    return new ManagementClient(workstation);
  }

  /** The key directory, or null when insecure. */
  public Path keysDir() {
    return keysDir;
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
    return start(station, List.of());
  }

  /** Starts one station as its own process, with more arguments for its {@code run}. */
  public synchronized Process start(String station, List<String> more) throws IOException {
    Files.createDirectories(workDir);
    String safe = station.replace('[', '_').replace("]", "");
    List<String> cmd = new ArrayList<>(commandPrefix);
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx256m");
    cmd.add("-XX:+UseSerialGC");
    // lmdbjava (the history store) reaches into java.nio's direct buffers.
    cmd.add("--add-opens");
    cmd.add("java.base/java.nio=ALL-UNNAMED");
    cmd.add("--add-opens");
    cmd.add("java.base/sun.nio.ch=ALL-UNNAMED");
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
    if (keysDir == null) {
      cmd.add("--insecure");
    } else {
      cmd.add("--keys");
      cmd.add(
          keysDir
              .resolve("bundles")
              .resolve(KeyFiles.fileBase(StationId.parse(station).orElseThrow()))
              .toAbsolutePath()
              .toString());
    }
    cmd.addAll(extraArgs);
    cmd.addAll(more);
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

  /** The data directory of a station (epoch and history). */
  public Path dataDir(String station) {
    return workDir.resolve(station.replace('[', '_').replace("]", ""));
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
