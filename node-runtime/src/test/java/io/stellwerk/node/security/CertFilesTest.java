package io.stellwerk.node.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zeromq.ZCert;
import org.zeromq.ZCertStore;
import org.zeromq.ZConfig;
import org.zeromq.ZMQ;

/** Our certificate files and jeromq's read each other; secrets stay private. */
class CertFilesTest {

  @TempDir Path tmp;

  private static CurveCert cert() {
    Map<String, String> meta = new LinkedHashMap<>();
    meta.put("name", "root.s1");
    meta.put("role", "station");
    meta.put("federation", "tunnel-north");
    return CurveCert.generate(meta, true);
  }

  @Test
  void jeromqReadsTheFilesWeWrite() throws Exception {
    CurveCert c = cert();
    Path pub = tmp.resolve("certs/root.s1");
    CertFiles.write(pub, c);

    ZConfig secret = ZConfig.load(CertFiles.secretFileOf(pub).toString());
    ZCert theirs =
        new ZCert(secret.getValue("curve/public-key"), secret.getValue("curve/secret-key"));
    assertThat(theirs.getPublicKey()).isEqualTo(c.publicKey());
    assertThat(theirs.getSecretKey()).isEqualTo(c.secretKey());
    Files.delete(CertFiles.secretFileOf(pub));
    ZCertStore store = new ZCertStore(tmp.resolve("certs").toString());
    assertThat(store.containsPublicKey(c.publicZ85())).isTrue();
    assertThat(store.getMetadata(c.publicZ85()).get("name")).isEqualTo("root.s1");
    assertThat(store.getMetadata(c.publicZ85()).get(CurveCert.ED25519_PUBLIC))
        .isEqualTo(c.metadata().get(CurveCert.ED25519_PUBLIC));
  }

  @Test
  void weReadTheFilesJeromqWrites() throws Exception {
    ZCert theirs = new ZCert();
    theirs.setMeta("name", "workbench");
    Path pub = tmp.resolve("workbench");
    theirs.savePublic(pub.toString());
    theirs.saveSecret(CertFiles.secretFileOf(pub).toString());
    Files.setPosixFilePermissions(
        CertFiles.secretFileOf(pub), PosixFilePermissions.fromString("rw-------"));

    CurveCert ours = CertFiles.readSecret(CertFiles.secretFileOf(pub));
    assertThat(ours.publicKey()).isEqualTo(theirs.getPublicKey());
    assertThat(ours.secretKey()).isEqualTo(theirs.getSecretKey());
    assertThat(CertFiles.readPublic(pub).meta("name")).contains("workbench");
    assertThat(CertFiles.readPublic(pub).hasSecret()).isFalse();
  }

  @Test
  void secretsAreBornPrivateAndTheEd25519SecretStaysOutOfThePublicFile() throws Exception {
    CurveCert c = cert();
    Path pub = tmp.resolve("root.s1");
    CertFiles.write(pub, c);

    assertThat(Files.getPosixFilePermissions(CertFiles.secretFileOf(pub)))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    String publicText = Files.readString(pub);
    assertThat(publicText).doesNotContain(c.secretZ85()).doesNotContain(c.ed25519Secret());
    CurveCert back = CertFiles.readSecret(CertFiles.secretFileOf(pub));
    assertThat(back.signingSecretKey()).isPresent();
    assertThat(back.metadata()).isEqualTo(c.metadata());
    try (var files = Files.list(tmp)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("root.s1", "root.s1_secret");
    }
  }

  @Test
  void aSecretOthersMayReadIsRefusedNamingTheFile() throws Exception {
    Path pub = tmp.resolve("root.s1");
    CertFiles.write(pub, cert());
    Path secret = CertFiles.secretFileOf(pub);
    Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw----r--"));

    assertThatThrownBy(() -> CertFiles.readSecret(secret))
        .isInstanceOf(KeyFileException.class)
        .hasMessageContaining(secret.toString())
        .hasMessageContaining("rw----r--");
  }

  @Test
  void damagedFilesFailWithOneLineNamingTheFileNeverAnotherException() throws Exception {
    Path pub = tmp.resolve("root.s1");
    CertFiles.write(pub, cert());
    String good = Files.readString(pub);
    Random random = new Random(7);
    for (int i = 0; i < 300; i++) {
      StringBuilder b = new StringBuilder(good);
      for (int k = 0; k < 1 + random.nextInt(4); k++) {
        int at = random.nextInt(b.length());
        b.setCharAt(at, "\"#= x\n:ab".charAt(random.nextInt(9)));
      }
      Files.writeString(pub, b);
      try {
        CurveCert c = CertFiles.readPublic(pub);
        assertThat(c.publicKey()).hasSize(ZMQ.Curve.KEY_SIZE);
      } catch (KeyFileException e) {
        assertThat(e.getMessage()).contains(pub.toString()).doesNotContain("\n");
      }
    }
  }
}
