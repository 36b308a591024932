package io.stellwerk.node.cli;

import io.stellwerk.node.management.ManagementClient;
import io.stellwerk.node.security.Workstation;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** Options shared by the commands that talk to a running station. */
final class RemoteOptions {

  @Option(names = "--topology", paramLabel = "FILE", description = "The topology file (required).")
  Path topology;

  @Option(
      names = "--local",
      description = "The federation runs with --local (hosts mapped to 127.0.0.N).")
  boolean local;

  @Option(
      names = "--timeout",
      paramLabel = "MS",
      defaultValue = "3000",
      description = "How long to wait for an answer, in milliseconds (default: ${DEFAULT-VALUE}).")
  long timeoutMs;

  @Option(
      names = "--keys",
      paramLabel = "DIR",
      description =
          "The key directory 'keys generate' wrote (workstations/, stations/); default:"
              + " $STELLWERK_KEYS.")
  Path keys;

  @Option(
      names = "--workstation",
      paramLabel = "NAME",
      defaultValue = Workstation.DEFAULT_NAME,
      description = "The workstation key to use (default: ${DEFAULT-VALUE}).")
  String workstation;

  @Option(
      names = "--insecure",
      description = "The station runs --insecure: talk plain text, without a key.")
  boolean insecure;

  /** The workstation credentials, or {@code null} in plain text. */
  Workstation credentials() {
    if (insecure) {
      return null;
    }
    Path dir = keys;
    if (dir == null && System.getenv("STELLWERK_KEYS") != null) {
      dir = Path.of(System.getenv("STELLWERK_KEYS"));
    }
    if (dir == null) {
      throw new IllegalArgumentException(
          "stations only admit workstation keys: give --keys DIR (what 'keys generate' wrote)"
              + " or set STELLWERK_KEYS; --insecure for a station run with --insecure");
    }
    return Workstation.load(dir, workstation);
  }

  /** A management client with these options' security. */
  ManagementClient client() {
    return new ManagementClient(credentials());
  }

  Duration timeout() {
    return Duration.ofMillis(timeoutMs);
  }
}
