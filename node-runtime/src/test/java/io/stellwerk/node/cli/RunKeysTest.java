package io.stellwerk.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run} refuses to start without usable keys, naming what is wrong, and never starts. */
class RunKeysTest {

  static final Path TUNNEL = Path.of("..", "examples", "tunnel.yaml").toAbsolutePath();

  @TempDir Path tmp;

  private Path generate() {
    CliRun g =
        CliRun.of("keys", "generate", "--topology", TUNNEL.toString(), "--out", tmp.toString());
    assertThat(g.status()).as(g.all()).isZero();
    return tmp.resolve("bundles").resolve("root.s2");
  }

  private static CliRun run(String... more) {
    String[] base = {"run", "--topology", TUNNEL.toString(), "--node", "root.s2"};
    String[] all = new String[base.length + more.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(more, 0, all, base.length, more.length);
    return CliRun.of(all);
  }

  @Test
  void withoutKeysOrInsecureItIsAUsageError() {
    CliRun r = run();
    assertThat(r.status()).isEqualTo(StellwerkNode.EXIT_USAGE);
    assertThat(r.err()).contains("--keys DIR", "--insecure");
  }

  @Test
  void aMissingBundleIsNamed() {
    CliRun r = run("--keys", tmp.resolve("nowhere").toString());
    assertThat(r.status()).isEqualTo(StellwerkNode.EXIT_INVALID);
    assertThat(r.err()).contains("no key bundle at", "nowhere").doesNotContain("Exception");
  }

  @Test
  void aSecretReadableByOthersIsRefusedNamingTheFileAndTheFix() throws Exception {
    Path bundle = generate();
    Path secret = bundle.resolve("keys").resolve("root.s2_secret");
    Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-r--r--"));
    CliRun r = run("--keys", bundle.toString());
    assertThat(r.status()).isEqualTo(StellwerkNode.EXIT_INVALID);
    assertThat(r.errLines()).hasSize(1);
    assertThat(r.err()).contains(secret.toString(), "chmod 600");
  }

  @Test
  void anotherStationsBundleIsRefused() {
    Path bundle = generate().resolveSibling("root.s1");
    CliRun r = run("--keys", bundle.toString());
    assertThat(r.status()).isEqualTo(StellwerkNode.EXIT_INVALID);
    assertThat(r.err()).contains("no secret key for root.s2");
  }

  @Test
  void aCorruptCertificateIsAClearError() throws Exception {
    Path bundle = generate();
    Path secret = bundle.resolve("keys").resolve("root.s2_secret");
    Files.writeString(secret, "curve\n    secret-key = \"not z85\"\n");
    CliRun r = run("--keys", bundle.toString());
    assertThat(r.status()).isEqualTo(StellwerkNode.EXIT_INVALID);
    assertThat(r.errLines()).hasSize(1);
    assertThat(r.err()).contains(secret.toString()).doesNotContain("Exception");
  }
}
