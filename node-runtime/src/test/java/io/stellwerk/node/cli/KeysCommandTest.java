package io.stellwerk.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.stellwerk.node.security.CertFiles;
import io.stellwerk.node.security.KeyFiles;
import io.stellwerk.node.security.StationKeys;
import io.stellwerk.node.security.TrustEntry;
import io.stellwerk.node.security.TrustRole;
import io.stellwerk.node.security.TrustState;
import io.stellwerk.node.security.TrustStore;
import io.stellwerk.node.topology.PeerRole;
import io.stellwerk.node.topology.StationId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code stellwerk-node security ...} through picocli, with captured output. */
class KeysCommandTest {

  @TempDir Path tmp;

  private static final Path TUNNEL =
      Path.of(System.getProperty("stellwerk.examples"), "tunnel.yaml");

  @Test
  void generateWritesEveryKeyAndABundlePerStationWithTheRightTrust() throws Exception {
    CliRun r =
        CliRun.of("keys", "generate", "--topology", TUNNEL.toString(), "--out", tmp.toString());

    assertThat(r.status()).as(r.all()).isZero();
    assertThat(r.out()).contains("root[primary]", "root.s1.pump1", "workstation:engineering");
    Path bundle = tmp.resolve("bundles/root.s1");
    StationKeys keys =
        KeyFiles.loadStationKeys(bundle.resolve("keys"), StationId.single("root.s1"));
    assertThat(Files.getPosixFilePermissions(bundle.resolve("keys/root.s1_secret")))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    Map<String, TrustRole> trusted =
        TrustStore.open(bundle.resolve("trust")).list().stream()
            .peek(e -> assertThat(e.state()).isEqualTo(TrustState.ACCEPTED))
            .collect(Collectors.toMap(TrustEntry::identity, TrustEntry::role));
    assertThat(trusted)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "root[primary]", TrustRole.PARENT,
                "root[backup]", TrustRole.PARENT,
                "root.s1.pump1", TrustRole.CHILD,
                "workstation:engineering", TrustRole.WORKSTATION));
    TrustStore rootBackup = TrustStore.open(tmp.resolve("bundles/root@backup/trust"));
    assertThat(rootBackup.acceptedKey("root.s1", TrustRole.CHILD)).contains(keys.curvePublic());
    assertThat(rootBackup.accepted("root[primary]").orElseThrow().role()).isEqualTo(TrustRole.PEER);
    assertThat(bundle.resolve("topology.yaml")).hasSameTextualContentAs(TUNNEL);
    try (var signers = Files.list(bundle.resolve("signers"))) {
      List<Path> copies = signers.toList();
      assertThat(copies).hasSize(5);
      for (Path copy : copies) {
        // Each is the station's public certificate as generated, nothing more.
        assertThat(text(copy)).isEqualTo(text(tmp.resolve("stations").resolve(copy.getFileName())));
      }
    }
    assertThat(Files.exists(bundle.resolve("keys/root.s2_secret"))).isFalse();
  }

  @Test
  void generateRefusesToOverwriteSecretsUnlessForced() {
    String[] args = {"keys", "generate", "--topology", TUNNEL.toString(), "--out", tmp.toString()};
    assertThat(CliRun.of(args).status()).isZero();
    String before = text(tmp.resolve("stations/root.s1"));

    CliRun again = CliRun.of(args);

    assertThat(again.status()).isEqualTo(1);
    assertThat(again.errLines()).hasSize(1);
    assertThat(again.err()).contains("refusing to overwrite", "_secret", "--force");
    assertThat(text(tmp.resolve("stations/root.s1"))).isEqualTo(before);
    assertThat(CliRun.of(append(args, "--force")).status()).isZero();
    assertThat(text(tmp.resolve("stations/root.s1"))).isNotEqualTo(before);
  }

  @Test
  void initMakesTheStationsOwnKeyAndPrintsItsFingerprint() {
    CliRun r =
        CliRun.of(
            "keys",
            "init",
            "--topology",
            TUNNEL.toString(),
            "--node",
            "root[backup]",
            "--dir",
            tmp.toString());

    assertThat(r.status()).as(r.all()).isZero();
    StationKeys k =
        KeyFiles.loadStationKeys(tmp.resolve("keys"), StationId.peer("root", PeerRole.BACKUP));
    assertThat(r.outLines().get(0)).isEqualTo("root[backup] " + k.fingerprint());
    CliRun bad =
        CliRun.of(
            "keys",
            "init",
            "--topology",
            TUNNEL.toString(),
            "--node",
            "root",
            "--dir",
            tmp.toString());
    assertThat(bad.status()).isEqualTo(1);
    assertThat(bad.err()).contains("root is an HA pair");
  }

  @Test
  void initTakesTheSignersOfAnotherBundleAndNeverItsSecrets() throws Exception {
    Path site = tmp.resolve("site");
    assertThat(
            CliRun.of("keys", "generate", "--topology", TUNNEL.toString(), "--out", site.toString())
                .status())
        .isZero();
    Path box = tmp.resolve("box");

    CliRun r =
        CliRun.of(
            "keys",
            "init",
            "--topology",
            TUNNEL.toString(),
            "--node",
            "root.s1",
            "--dir",
            box.toString(),
            "--signers",
            site.resolve("stations").toString());

    assertThat(r.status()).as(r.all()).isZero();
    assertThat(r.out()).contains("signers/");
    try (var files = Files.list(box.resolve("signers"))) {
      List<String> names = files.map(f -> f.getFileName().toString()).sorted().toList();
      assertThat(names).contains("root@primary", "root@backup", "root.s2", "root.s1");
      assertThat(names).noneMatch(n -> n.endsWith("_secret"));
    }
    // its own signer is the key it just made, not the one the site generated for root.s1
    StationKeys own = KeyFiles.loadStationKeys(box.resolve("keys"), StationId.single("root.s1"));
    assertThat(text(box.resolve("signers/root.s1"))).isEqualTo(text(box.resolve("keys/root.s1")));
    assertThat(r.outLines().get(0)).isEqualTo("root.s1 " + own.fingerprint());
  }

  @Test
  void aPendingKeyIsListedAcceptedAndRevokedByFingerprint() {
    Path store = tmp.resolve("trust");
    TrustStore s = TrustStore.open(store);
    byte[] key = io.stellwerk.node.security.CurveCert.generate(Map.of(), false).publicKey();
    s.admit(key, TrustRole.CHILD, "127.0.0.9");
    String fp = s.list().get(0).fingerprint().toString();

    assertThat(CliRun.of("keys", "list", "--store", store.toString()).out())
        .contains("pending", fp, "unknown key knocked");
    CliRun noIdentity = CliRun.of("keys", "accept", "--store", store.toString(), fp);
    assertThat(noIdentity.status()).isEqualTo(1);
    assertThat(noIdentity.err()).contains("--identity ID --role ROLE");
    CliRun ok =
        CliRun.of(
            "keys",
            "accept",
            "--store",
            store.toString(),
            fp.substring(0, 15),
            "--identity",
            "root.s3",
            "--role",
            "child");
    assertThat(ok.status()).as(ok.all()).isZero();
    assertThat(s.admit(key, TrustRole.CHILD, "127.0.0.9").admitted()).isTrue();
    assertThat(CliRun.of("keys", "revoke", "--store", store.toString(), fp).status()).isZero();
    assertThat(s.admit(key, TrustRole.CHILD, "127.0.0.9").admitted()).isFalse();
    assertThat(CliRun.of("keys", "show", "--store", store.toString(), fp).out())
        .contains("rejected", "revoked", "127.0.0.9");
  }

  @Test
  void aSecretReadableByOthersStopsLoadingWithOneLineNamingTheFile() throws Exception {
    StationId s1 = StationId.single("root.s1");
    KeyFiles.generateStation(tmp, s1, "f", false);
    Path secret = CertFiles.secretFileOf(KeyFiles.publicFile(tmp, s1));
    Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-r-----"));

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> KeyFiles.loadStationKeys(tmp, s1))
        .hasMessageContaining(secret.toString())
        .hasMessageContaining("chmod 600")
        .hasMessageNotContaining("\n");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> KeyFiles.loadStationKeys(tmp, StationId.single("root.s2")))
        .hasMessageContaining("root.s2_secret does not exist");
  }

  private static String text(Path p) {
    try {
      return Files.readString(p);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String[] append(String[] a, String s) {
    String[] out = java.util.Arrays.copyOf(a, a.length + 1);
    out[a.length] = s;
    return out;
  }
}
