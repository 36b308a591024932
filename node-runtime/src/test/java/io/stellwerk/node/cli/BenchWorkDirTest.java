package io.stellwerk.node.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class BenchWorkDirTest {

  private final StringWriter err = new StringWriter();
  private final AtomicReference<Path> used = new AtomicReference<>();

  @Test
  void aBenchThatRunsToTheEndLeavesNothingBehind() throws Exception {
    BenchWorkDir.run("stellwerk-bench-test-", new PrintWriter(err), this::stationFiles);

    assertThat(used.get()).isNotNull().doesNotExist();
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void aFailedBenchKeepsItsDirectoryAndSaysWhere() throws Exception {
    try {
      assertThatThrownBy(
              () ->
                  BenchWorkDir.run(
                      "stellwerk-bench-test-",
                      new PrintWriter(err),
                      work -> {
                        stationFiles(work);
                        throw new IllegalStateException("a station did not start");
                      }))
          .hasMessage("a station did not start");

      assertThat(used.get().resolve("run/a/station.log")).hasContent("started");
      assertThat(err.toString()).contains("kept in " + used.get());
    } finally {
      if (used.get() != null) {
        BenchWorkDir.deleteTree(used.get());
      }
    }
  }

  /** What a bench leaves in its directory: nested, like the stations' logs and stores. */
  private void stationFiles(Path work) throws Exception {
    used.set(work);
    Files.createDirectories(work.resolve("run/a"));
    Files.writeString(work.resolve("run/a/station.log"), "started");
    Files.writeString(work.resolve("bench.yaml"), "federation: bench");
  }
}
