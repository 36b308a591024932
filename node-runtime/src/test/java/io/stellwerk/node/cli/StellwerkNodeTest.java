package io.stellwerk.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StellwerkNodeTest {

  @Test
  void noArgumentsIsAUsageErrorThatShowsTheCommands() {
    CliRun run = CliRun.of();
    assertThat(run.status()).isEqualTo(StellwerkNode.EXIT_USAGE).isEqualTo(2);
    assertThat(run.err()).contains("Missing required subcommand").contains("validate");
  }

  @Test
  void unknownCommandIsAUsageError() {
    CliRun run = CliRun.of("frobnicate");
    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).contains("frobnicate");
  }

  @Test
  void versionNamesTheProgramAndItsVersion() {
    CliRun run = CliRun.of("--version");
    assertThat(run.status()).isZero();
    assertThat(run.out().strip()).matches("stellwerk-node \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
  }

  @Test
  void helpListsBothCommands() {
    CliRun run = CliRun.of("--help");
    assertThat(run.status()).isZero();
    assertThat(run.out()).contains("validate").contains("explain");
  }
}
