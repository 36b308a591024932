package io.stellwerk.workbench;

import static org.assertj.core.api.Assertions.assertThat;

import io.stellwerk.node.topology.LoadResult;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoTopologyTest {

  @Test
  void withoutARepositoryTheBundledDemoOpensAndIsValid(@TempDir Path elsewhere) {
    LoadResult result = new DemoTopology(elsewhere).load(DemoTopology.DEMO);

    assertThat(result.problems()).isEmpty();
    assertThat(result.topology().federation()).isEqualTo("tunnel-north");
  }

  @Test
  void inARepositoryFolderTheRepositoryFileIsPreferred(@TempDir Path repo) throws Exception {
    Files.createDirectories(repo.resolve("examples"));
    Files.writeString(
        repo.resolve("examples/tunnel.yaml"),
        "federation: from-repo\nroot:\n  id: root\n  host: 127.0.0.1\n  port: 7000\n");

    LoadResult result = new DemoTopology(repo).load(DemoTopology.DEMO);

    assertThat(result.topology().federation()).isEqualTo("from-repo");
  }
}
