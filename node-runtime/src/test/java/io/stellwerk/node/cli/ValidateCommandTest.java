package io.stellwerk.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.stellwerk.node.topology.Topologies;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {

  @TempDir Path dir;

  @Test
  void everyExampleIsReportedOkAndTheStatusIsZero() {
    List<Path> examples = Topologies.exampleFiles();
    CliRun run = CliRun.of(args("validate", examples));
    assertThat(run.status()).isZero();
    assertThat(run.outLines()).hasSize(examples.size()).allMatch(l -> l.startsWith("OK "));
    assertThat(run.err()).isEmpty();
  }

  @Test
  void okLineSummarisesTheFederation() {
    Path tunnel = Topologies.example("tunnel.yaml");
    CliRun run = CliRun.of("validate", tunnel.toString());
    assertThat(run.outLines())
        .containsExactly(
            "OK " + tunnel + ": federation tunnel-north, 4 nodes, 1 pairs, 5 stations, depth 3");
  }

  @Test
  void threeMistakesGiveThreeLocatedLinesAndStatusOne() {
    Path file = Topologies.resource("three-mistakes.yaml");
    CliRun run = CliRun.of("validate", file.toString());
    assertThat(run.status()).isEqualTo(1);
    assertThat(run.outLines())
        .satisfiesExactly(
            l -> assertThat(l).startsWith(file + ":9:13: host '10.0.1.300'"),
            l -> assertThat(l).startsWith(file + ":14:19: unknown PLC kind 's5'"),
            l -> assertThat(l).startsWith(file + ":15:11: duplicate id 'root.a'"));
  }

  @Test
  void oneInvalidFileAmongValidOnesFailsTheRunButEveryFileIsReported() {
    Path bad = Topologies.resource("three-mistakes.yaml");
    Path good = Topologies.example("tunnel.yaml");
    CliRun run = CliRun.of("validate", good.toString(), bad.toString(), good.toString());
    assertThat(run.status()).isEqualTo(1);
    assertThat(run.outLines()).filteredOn(l -> l.startsWith("OK ")).hasSize(2);
    assertThat(run.outLines()).filteredOn(l -> l.startsWith(bad + ":")).hasSize(3);
  }

  @Test
  void garbageBytesGiveOneLineAndStatusOne() throws IOException {
    Path garbage = dir.resolve("garbage.yaml");
    Files.write(garbage, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16});
    CliRun run = CliRun.of("validate", garbage.toString());
    assertThat(run.status()).isEqualTo(1);
    assertThat(run.outLines())
        .containsExactly(
            garbage
                + ":1:1: this is not a text file (it is not valid UTF-8): a topology is a YAML"
                + " text file");
  }

  @Test
  void missingFileIsAProblemNotACrash() {
    Path absent = dir.resolve("absent.yaml");
    CliRun run = CliRun.of("validate", absent.toString());
    assertThat(run.status()).isEqualTo(1);
    assertThat(run.outLines()).containsExactly(absent + ":1:1: no such file");
    assertThat(run.all()).doesNotContain("Exception");
  }

  @Test
  void validateWithoutFilesIsAUsageError() {
    CliRun run = CliRun.of("validate");
    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).contains("Missing required parameter").contains("FILE");
  }

  private static String[] args(String command, List<Path> files) {
    String[] out = new String[files.size() + 1];
    out[0] = command;
    for (int i = 0; i < files.size(); i++) {
      out[i + 1] = files.get(i).toString();
    }
    return out;
  }
}
