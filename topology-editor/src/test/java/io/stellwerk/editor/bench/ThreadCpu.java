package io.stellwerk.editor.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The CPU time of every thread of this JVM, by thread name, as Linux accounts it in {@code
 * /proc/self/task}: the JIT compiler's and the collector's threads too, which the management beans
 * do not show. Used to say what else ran while the FX thread was timed. Empty where there is no
 * {@code /proc}.
 */
final class ThreadCpu {

  /** Clock ticks per second of {@code /proc}'s times (USER_HZ, 100 on Linux). */
  private static final double TICKS_PER_SECOND = 100.0;

  private final Map<String, Long> ticks;
  private final long at = System.nanoTime();

  private ThreadCpu(Map<String, Long> ticks) {
    this.ticks = ticks;
  }

  static ThreadCpu now() {
    Map<String, Long> ticks = new TreeMap<>();
    try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
      for (Path task : tasks.toList()) {
        try {
          String name = Files.readString(task.resolve("comm")).strip();
          String stat = Files.readString(task.resolve("stat"));
          // Fields after the parenthesised name: state is the 1st, utime the 12th, stime the 13th.
          String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          ticks.merge(name, Long.parseLong(f[11]) + Long.parseLong(f[12]), Long::sum);
        } catch (IOException e) {
          // the thread ended between listing and reading: it has nothing more to add
        }
      }
    } catch (IOException e) {
      return new ThreadCpu(Map.of());
    }
    return new ThreadCpu(ticks);
  }

  /**
   * A JSON line: each thread name's CPU since {@code before}, in percent of one core, the busiest
   * first, names under 1% left out.
   */
  String since(ThreadCpu before, String figure) {
    double seconds = (at - before.at) / 1e9;
    String threads =
        ticks.entrySet().stream()
            .map(
                e ->
                    Map.entry(e.getKey(), e.getValue() - before.ticks.getOrDefault(e.getKey(), 0L)))
            .map(e -> Map.entry(e.getKey(), e.getValue() / TICKS_PER_SECOND / seconds * 100))
            .filter(e -> e.getValue() >= 1)
            .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
            .map(e -> String.format(Locale.ROOT, "\"%s\":%.1f", e.getKey(), e.getValue()))
            .collect(Collectors.joining(","));
    return String.format(
        Locale.ROOT,
        "{\"figure\":\"%s\",\"seconds\":%.1f,\"cpu_percent_of_a_core\":{%s}}",
        figure,
        seconds,
        threads);
  }
}
