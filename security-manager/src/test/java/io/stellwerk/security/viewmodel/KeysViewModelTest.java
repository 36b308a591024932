package io.stellwerk.security.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import io.stellwerk.node.security.Bundles;
import io.stellwerk.security.Topologies;
import io.stellwerk.security.core.KeyGeneration;
import io.stellwerk.security.core.KeyRow;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The keys view model over generated key directories, on one thread. */
class KeysViewModelTest {

  @TempDir Path tmp;

  @Test
  void importingAKeyDirectoryShowsEveryKeyAndAFailedImportKeepsIt() throws Exception {
    Path file = Topologies.write(tmp, Topologies.PAIR_WITH_TWO_CHILDREN);
    Path out = tmp.resolve("keys");
    KeyGeneration.run(
        Topologies.read(file), file, out, "engineering", false, Bundles.Progress.NONE);
    KeysViewModel keys = new KeysViewModel(Background.sameThread());

    keys.load(out);

    assertThat(keys.keys()).hasSize(5);
    assertThat(keys.keys()).allSatisfy(k -> assertThat(k.state()).isEqualTo("accepted"));
    assertThat(keys.keys().stream().filter(k -> k.kind() == KeyRow.Kind.WORKSTATION))
        .singleElement()
        .satisfies(k -> assertThat(k.trustedBy()).hasSize(4));
    assertThat(keys.messageProperty().get()).isEqualTo(out + ": 4 station keys, 4 bundles");
    assertThat(keys.directoryProperty().get()).isEqualTo(out);

    Path empty = Files.createDirectory(tmp.resolve("empty"));
    keys.load(empty);

    assertThat(keys.messageProperty().get())
        .isEqualTo(
            empty + " is not a key directory: it has no stations/, workstations/ or bundles/");
    assertThat(keys.keys()).hasSize(5);
    assertThat(keys.directoryProperty().get()).isEqualTo(out);
  }

  @Test
  void theGenerateFormNeedsASavedTopologyAndADirectory() throws Exception {
    Path file = Topologies.write(tmp, Topologies.PAIR_WITH_TWO_CHILDREN);
    GenerateViewModel form = new GenerateViewModel(Topologies.read(file), file);
    assertThat(form.outputProperty().get()).isEqualTo(tmp.resolve("keys").toString());
    assertThat(form.summary()).isEqualTo("4 stations of secmgr (topology.yaml)");
    assertThat(form.problem()).isEmpty();

    form.outputProperty().set("  ");
    assertThat(form.problem()).contains("choose the directory to write the keys into");

    GenerateViewModel unsaved = new GenerateViewModel(Topologies.read(file), null);
    assertThat(unsaved.problem()).contains("save the topology to a file before generating keys");
  }
}
