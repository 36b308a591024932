package io.stellwerk.node.cli;

import io.stellwerk.node.history.HistoryOptions;
import io.stellwerk.node.history.Retention;
import io.stellwerk.node.topology.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The {@code run} options that say what a station records and how long it keeps it. */
final class HistoryRunOptions {

  @Option(
      names = "--history-keys",
      paramLabel = "PREFIX",
      split = ",",
      description =
          "Key prefixes recorded as time series (default: the topology's history-keys, or the"
              + " node's PLC values).")
  List<String> keys = new ArrayList<>();

  @Option(
      names = "--history-deadband",
      paramLabel = "N",
      description =
          "Record a number only when it moved by more than N (default: the topology's, or every"
              + " change).")
  Double deadband;

  @Option(
      names = "--history-min-interval",
      paramLabel = "DURATION",
      description = "Record a key at most once per interval, e.g. 1s (default: every change).")
  String minInterval;

  @Option(
      names = "--history-max-age",
      paramLabel = "DURATION",
      description = "Prune records older than this, e.g. 30m (default: no age limit).")
  String maxAge;

  @Option(
      names = "--history-max-mb",
      paramLabel = "MB",
      description =
          "Prune the oldest records when the store uses more (default: 80%% of the limit).")
  Long maxMb;

  @Option(
      names = "--history-limit-mb",
      paramLabel = "MB",
      defaultValue = "1024",
      description = "Hard size limit of the store (default: ${DEFAULT-VALUE}).")
  long limitMb;

  /** The topology's history options with what was given on the command line laid over them. */
  HistoryOptions options(CommandSpec spec, HistoryOptions fromTopology) {
    if (limitMb < 1 || limitMb > 1 << 20) {
      throw new ParameterException(
          spec.commandLine(), "--history-limit-mb " + limitMb + " must lie between 1 and 1048576");
    }
    long limit = limitMb << 20;
    long max = maxMb == null ? limit / 10 * 8 : maxMb << 20;
    if (max < 0 || max > limit) {
      throw new ParameterException(
          spec.commandLine(),
          "--history-max-mb " + maxMb + " must lie between 0 and the limit of " + limitMb);
    }
    if (deadband != null && (deadband < 0 || Double.isNaN(deadband))) {
      throw new ParameterException(
          spec.commandLine(), "--history-deadband must be a number >= 0, not " + deadband);
    }
    Duration age = duration(spec, "--history-max-age", maxAge);
    Retention r =
        fromTopology
            .retention()
            .withSize(max, limit)
            .withMaxAge(age == null ? fromTopology.retention().maxAge() : age);
    Duration interval = duration(spec, "--history-min-interval", minInterval);
    return fromTopology
        .withRetention(r)
        .withKeys(
            keys.isEmpty() ? fromTopology.keys() : keys,
            deadband == null ? fromTopology.deadband() : deadband,
            interval == null ? fromTopology.minInterval() : interval);
  }

  private static Duration duration(CommandSpec spec, String option, String text) {
    if (text == null) {
      return null;
    }
    return Durations.parse(text)
        .orElseThrow(
            () ->
                new ParameterException(
                    spec.commandLine(),
                    option + " '" + text + "' is not a duration such as 250ms, 2s or 1m"));
  }
}
