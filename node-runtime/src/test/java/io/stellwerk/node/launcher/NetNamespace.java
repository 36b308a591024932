package io.stellwerk.node.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A network namespace of a test's own, for cutting links between processes that run inside it:
 * loopback is up, and the local table's policy rule is moved behind priority 100 so that blackhole
 * rules of a higher priority apply to loopback traffic too. Its name holds the JVM's pid; {@link
 * #close()} deletes it. Needs root (CI runs as root).
 */
final class NetNamespace implements AutoCloseable {

  final String name;

  private NetNamespace(String name) {
    this.name = name;
  }

  /** Creates the namespace {@code stw-PURPOSE-PID}. */
  static NetNamespace create(String purpose) throws IOException, InterruptedException {
    NetNamespace ns = new NetNamespace("stw-" + purpose + "-" + ProcessHandle.current().pid());
    ip("netns", "add", ns.name);
    try {
      ip("-n", ns.name, "link", "set", "lo", "up");
      // Policy rules must come before the local table's rule (priority 0) to affect loopback
      // traffic: move that rule behind the priority the cuts use.
      ip("-n", ns.name, "rule", "add", "pref", "100", "lookup", "local");
      ip("-n", ns.name, "rule", "del", "pref", "0");
    } catch (IOException | InterruptedException | RuntimeException e) {
      ns.close();
      throw e;
    }
    return ns;
  }

  /** The command prefix that runs a process inside the namespace. */
  List<String> exec() {
    return List.of("ip", "netns", "exec", name);
  }

  /**
   * Drops (or, with {@code cut} false, lets through again) every TCP packet to {@code host:port}.
   */
  void cut(boolean cut, String host, int port) throws IOException, InterruptedException {
    ip(
        "-n",
        name,
        "rule",
        cut ? "add" : "del",
        "pref",
        "10",
        "to",
        host,
        "ipproto",
        "tcp",
        "dport",
        Integer.toString(port),
        "blackhole");
  }

  @Override
  public void close() throws IOException, InterruptedException {
    ip("netns", "del", name);
  }

  private static void ip(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("ip"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException("ip " + String.join(" ", args) + " failed: " + out.strip());
    }
  }
}
