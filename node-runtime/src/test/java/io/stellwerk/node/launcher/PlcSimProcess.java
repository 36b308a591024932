package io.stellwerk.node.launcher;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code stellwerk-node plc-sim} as a real process, and its write log read back: who (address:port)
 * wrote what, in the order the PLC accepted it.
 */
final class PlcSimProcess implements AutoCloseable {

  private static final Pattern WRITE =
      Pattern.compile("(\\S+) (\\d+\\.\\d+\\.\\d+\\.\\d+):(\\d+) wrote (\\w+)\\[(\\d+)\\]=(\\S+)");

  /** One write as the PLC logged it. */
  record Write(Instant at, String address, int port, String table, int register, String value) {}

  private final Path log;
  private final Process process;

  private PlcSimProcess(Path log, Process process) {
    this.log = log;
    this.process = process;
  }

  /** Starts the simulator; {@code prefix} runs it elsewhere (e.g. {@code ip netns exec NS}). */
  static PlcSimProcess start(Path dir, String host, int port, List<String> prefix)
      throws IOException {
    Files.createDirectories(dir);
    Path log = dir.resolve("plc-sim.log");
    List<String> cmd =
        javaCommand(
            prefix,
            "io.stellwerk.node.cli.StellwerkNode",
            "plc-sim",
            "--host",
            host,
            "--port",
            Integer.toString(port));
    File out = log.toFile();
    Process p =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(out))
            .start();
    return new PlcSimProcess(log, p);
  }

  /**
   * The command line of a small helper JVM (128 MB heap) on this JVM's class path, run under {@code
   * prefix}.
   */
  static List<String> javaCommand(List<String> prefix, String mainClass, String... args) {
    List<String> cmd = new ArrayList<>(prefix);
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx128m");
    cmd.add("-XX:+UseSerialGC");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(mainClass);
    cmd.addAll(List.of(args));
    return cmd;
  }

  boolean listening() throws IOException {
    return Files.exists(log)
        && Files.readString(log, StandardCharsets.UTF_8).contains("plc-sim listening on");
  }

  /** Every write logged so far, in log order. */
  List<Write> writes() throws IOException {
    List<Write> out = new ArrayList<>();
    for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
      Matcher m = WRITE.matcher(line);
      if (m.matches()) {
        out.add(
            new Write(
                Instant.parse(m.group(1)),
                m.group(2),
                Integer.parseInt(m.group(3)),
                m.group(4),
                Integer.parseInt(m.group(5)),
                m.group(6)));
      }
    }
    return out;
  }

  /** The writers' addresses in the order they took turns (consecutive repeats folded). */
  List<String> writerSequence() throws IOException {
    List<String> turns = new ArrayList<>();
    for (Write w : writes()) {
      if (turns.isEmpty() || !turns.get(turns.size() - 1).equals(w.address())) {
        turns.add(w.address());
      }
    }
    return turns;
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
