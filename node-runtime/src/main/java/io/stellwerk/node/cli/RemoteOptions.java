package io.stellwerk.node.cli;

import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** Options shared by the commands that talk to a running station. */
final class RemoteOptions {

  @Option(
      names = "--topology",
      required = true,
      paramLabel = "FILE",
      description = "The topology file.")
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

  Duration timeout() {
    return Duration.ofMillis(timeoutMs);
  }
}
