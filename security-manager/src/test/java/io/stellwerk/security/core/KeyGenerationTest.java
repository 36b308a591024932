package io.stellwerk.security.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stellwerk.node.security.Bundles;
import io.stellwerk.node.security.TrustRole;
import io.stellwerk.node.topology.StationId;
import io.stellwerk.node.topology.Topology;
import io.stellwerk.security.Topologies;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Generating (exporting) keys with progress and cancellation, and reading them back (import). */
class KeyGenerationTest {

  @TempDir Path tmp;
  private Path file;
  private Topology topology;

  @BeforeEach
  void topology() throws Exception {
    file = Topologies.write(tmp, Topologies.PAIR_WITH_TWO_CHILDREN);
    topology = Topologies.read(file);
  }

  private static Bundles.Progress recording(List<String> steps, int cancelAfter) {
    return new Bundles.Progress() {
      @Override
      public void step(int done, int total, String what) {
        steps.add(done + "/" + total + " " + what);
      }

      @Override
      public boolean cancelled() {
        return steps.size() >= cancelAfter;
      }
    };
  }

  @Test
  void generationReportsEveryStepAndTheKeyDirectoryShowsWhereEachKeyIsTrusted() {
    List<String> steps = new ArrayList<>();
    Path out = tmp.resolve("keys");

    KeyGeneration.Outcome o =
        KeyGeneration.run(
            topology, file, out, "engineering", false, recording(steps, Integer.MAX_VALUE));

    // 4 station keys, the workstation key, 4 bundles.
    assertThat(steps).hasSize(9).last().isEqualTo("9/9 bundle of root.s2");
    KeyDirectory keys = o.keys();
    assertThat(keys.problems()).isEmpty();
    assertThat(keys.bundles())
        .containsExactlyInAnyOrder("root[primary]", "root[backup]", "root.s1", "root.s2");
    assertThat(keys.keys())
        .extracting(KeyRow::name)
        .containsExactly("root.s1", "root.s2", "root[backup]", "root[primary]", "engineering");
    for (StationId s : topology.stations()) {
      KeyRow row = keys.key(s.toString()).orElseThrow();
      assertThat(row.kind()).isEqualTo(KeyRow.Kind.STATION);
      assertThat(row.fingerprint())
          .isEqualTo(o.result().fingerprints().get(s.toString()).toString());
      assertThat(row.secretPresent()).isTrue();
      assertThat(row.state()).isEqualTo("accepted");
    }
    // The primary root is trusted by its peer and by both children as their parent.
    assertThat(keys.key("root[primary]").orElseThrow().trustedBy())
        .containsExactlyInAnyOrder(
            new KeyRow.Trust("root[backup]", "peer", "accepted"),
            new KeyRow.Trust("root.s1", "parent", "accepted"),
            new KeyRow.Trust("root.s2", "parent", "accepted"));
    // Every station trusts exactly what Bundles says, plus the workstation.
    for (StationId s : topology.stations()) {
      Map<String, TrustRole> expected = Bundles.trusted(topology, s);
      long trusting =
          keys.keys().stream()
              .filter(k -> k.trustedBy().stream().anyMatch(t -> t.station().equals(s.toString())))
              .count();
      assertThat(trusting).isEqualTo(expected.size() + 1);
    }
    assertThat(keys.key("engineering").orElseThrow().trustedBy()).hasSize(4);
  }

  @Test
  void aCancelledRunIntoAFreshDirectoryLeavesNothingBehind() throws Exception {
    Path out = tmp.resolve("keys");
    List<String> steps = new ArrayList<>();

    assertThatThrownBy(
            () -> KeyGeneration.run(topology, file, out, "engineering", false, recording(steps, 6)))
        .isInstanceOfSatisfying(
            KeyGeneration.GenerationException.class, e -> assertThat(e.cancelled()).isTrue())
        .hasMessage("key generation cancelled after 6 of 9 steps; nothing was left in " + out);
    try (Stream<Path> left = Files.list(out)) {
      assertThat(left).isEmpty();
    }
    // Nothing half-made blocks the next run.
    assertThat(
            KeyGeneration.run(topology, file, out, "engineering", false, Bundles.Progress.NONE)
                .keys()
                .keys())
        .hasSize(5);
  }

  @Test
  void aSecondRunRefusesToReplaceSecretsUnlessForcedAndForcingMakesNewKeys() {
    Path out = tmp.resolve("keys");
    KeyGeneration.Outcome first =
        KeyGeneration.run(topology, file, out, "engineering", false, Bundles.Progress.NONE);

    assertThatThrownBy(
            () ->
                KeyGeneration.run(topology, file, out, "engineering", false, Bundles.Progress.NONE))
        .isInstanceOf(KeyGeneration.GenerationException.class)
        .hasMessageStartingWith("refusing to overwrite the secret key " + out.resolve("stations"));

    KeyGeneration.Outcome second =
        KeyGeneration.run(topology, file, out, "engineering", true, Bundles.Progress.NONE);
    assertThat(second.result().fingerprints().get("root.s1"))
        .isNotEqualTo(first.result().fingerprints().get("root.s1"));
  }

  @Test
  void anUnsavedTopologyOrABadWorkstationNameIsOneLine() {
    assertThatThrownBy(
            () ->
                KeyGeneration.run(
                    topology,
                    tmp.resolve("nope.yaml"),
                    tmp.resolve("k"),
                    "engineering",
                    false,
                    Bundles.Progress.NONE))
        .hasMessageContaining("save it before generating keys");
    assertThatThrownBy(
            () ->
                KeyGeneration.run(
                    topology, file, tmp.resolve("k"), "../evil", false, Bundles.Progress.NONE))
        .hasMessage("'../evil' is not a workstation name (letters, digits, '.', '_', '-')");
    assertThat(tmp.resolve("k")).doesNotExist();
  }

  @Test
  void importingReportsAnUnreadableCertificateAndStillReadsTheRest() throws Exception {
    Path out = tmp.resolve("keys");
    KeyGeneration.run(topology, file, out, "engineering", false, Bundles.Progress.NONE);
    Path broken = out.resolve("stations").resolve("root.s2");
    Files.writeString(broken, "curve\n    public-key = \"not z85\"\n");

    KeyDirectory d = KeyDirectory.open(out);

    assertThat(d.problems()).hasSize(1).first().asString().contains(broken.toString());
    assertThat(d.key("root.s1")).isPresent();
    // root.s2's key is still found through the trust stores that hold it, bound to its identity.
    assertThat(d.key("root.s2").orElseThrow().kind()).isEqualTo(KeyRow.Kind.OTHER);
  }

  @Test
  void aDirectoryWithoutKeysIsNotAKeyDirectory() {
    assertThatThrownBy(() -> KeyDirectory.open(tmp))
        .isInstanceOf(TrustServiceException.class)
        .hasMessage(
            tmp + " is not a key directory: it has no stations/, workstations/ or bundles/");
  }
}
