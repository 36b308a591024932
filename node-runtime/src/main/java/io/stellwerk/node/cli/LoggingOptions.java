package io.stellwerk.node.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

/** {@code --log-level} for commands that run nodes. */
final class LoggingOptions {

  @Option(
      names = "--log-level",
      paramLabel = "LEVEL",
      defaultValue = "info",
      description = "error, warn, info, debug or trace (default: ${DEFAULT-VALUE}).")
  String level;

  void apply() {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    Level l = Level.toLevel(level, null);
    if (l == null) {
      throw new IllegalArgumentException(
          "unknown log level '" + level + "' (error, warn, info, debug, trace)");
    }
    root.setLevel(l);
  }
}
