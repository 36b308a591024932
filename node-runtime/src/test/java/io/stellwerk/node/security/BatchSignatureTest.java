package io.stellwerk.node.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stellwerk.node.topology.PeerRole;
import io.stellwerk.node.topology.StationId;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.Signature;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Owners sign batches; a relay can neither alter them nor sign for another owner. */
class BatchSignatureTest {

  @TempDir Path tmp;

  private StationKeys keys(StationId s) {
    KeyFiles.generateStation(tmp.resolve("own"), s, "f", false);
    CertFiles.write(
        KeyFiles.publicFile(tmp.resolve("signers"), s),
        CertFiles.readPublic(KeyFiles.publicFile(tmp.resolve("own"), s)));
    return KeyFiles.loadStationKeys(tmp.resolve("own"), s);
  }

  @Test
  void aBatchVerifiesForItsOwnerAndNothingElse() {
    StationKeys pump = keys(StationId.single("root.s1.pump1"));
    StationKeys s1 = keys(StationId.single("root.s1"));
    StationKeys backup = keys(StationId.peer("root", PeerRole.BACKUP));
    BatchVerifier v = BatchVerifier.fromDirectory(tmp.resolve("signers"));
    byte[] batch = new byte[2_000 * 48];
    new Random(3).nextBytes(batch);

    byte[] sig = new BatchSigner(pump).sign(batch);
    assertThat(v.verify("root.s1.pump1", "root.s1.pump1", batch, sig)).isTrue();
    // The relay claims the pump's batch as its own, or signs the pump's keys itself.
    assertThat(v.verify("root.s1", "root.s1", batch, sig)).isFalse();
    assertThat(v.verify("root.s1.pump1", "root.s1", batch, new BatchSigner(s1).sign(batch)))
        .isFalse();
    // Either peer of a pair signs for the pair's node id.
    assertThat(v.verify("root", "root[backup]", batch, new BatchSigner(backup).sign(batch)))
        .isTrue();
    assertThat(v.verify("root", "root[primary]", batch, new BatchSigner(backup).sign(batch)))
        .isFalse();
    assertThat(v.refusedCount()).isEqualTo(3);
    assertThat(v.verifiedCount()).isEqualTo(2);
  }

  @Test
  void anyFlippedBitIsCaught() {
    StationKeys pump = keys(StationId.single("root.s1.pump1"));
    BatchVerifier v = BatchVerifier.fromDirectory(tmp.resolve("signers"));
    BatchSigner signer = new BatchSigner(pump);
    Random random = new Random(5);
    for (int i = 0; i < 50; i++) {
      byte[] batch = new byte[1 + random.nextInt(4096)];
      random.nextBytes(batch);
      byte[] sig = signer.sign(batch);
      int bit = random.nextInt(batch.length * 8);
      batch[bit / 8] ^= (byte) (1 << (bit % 8));
      assertThat(v.verify("root.s1.pump1", "root.s1.pump1", batch, sig)).isFalse();
    }
  }

  /** The signed message as {@link BatchSigner#feed} builds it, for the JDK's engine. */
  private static byte[] message(String signer, byte[] batch) {
    ByteArrayOutputStream m = new ByteArrayOutputStream();
    m.writeBytes(BatchSigner.CONTEXT);
    m.write(0);
    m.writeBytes(signer.getBytes(StandardCharsets.UTF_8));
    m.write(0);
    m.writeBytes(batch);
    return m.toByteArray();
  }

  @Test
  void signaturesAreTheJdksEd25519BothWays() throws Exception {
    StationId id = StationId.single("root.s1.pump1");
    StationKeys pump = keys(id);
    BatchVerifier v = BatchVerifier.fromDirectory(tmp.resolve("signers"));
    byte[] batch = new byte[3_000];
    new Random(7).nextBytes(batch);

    // Ours, checked by the JDK: byte for byte the JDK's own signature (RFC 8032 is deterministic).
    byte[] ours = new BatchSigner(pump).sign(batch);
    Signature jdk = Signature.getInstance("Ed25519");
    jdk.initSign(pump.signingKey());
    jdk.update(message(id.toString(), batch));
    byte[] theirs = jdk.sign();
    assertThat(ours).isEqualTo(theirs);
    jdk.initVerify(
        CertFiles.readPublic(KeyFiles.publicFile(tmp.resolve("own"), id))
            .signingPublicKey()
            .orElseThrow());
    jdk.update(message(id.toString(), batch));
    assertThat(jdk.verify(ours)).isTrue();

    // The JDK's, checked by us; and what is not a signature at all is refused, not thrown.
    assertThat(v.verify(id.nodeId(), id.toString(), batch, theirs)).isTrue();
    assertThat(v.verify(id.nodeId(), id.toString(), batch, Arrays.copyOf(theirs, 63))).isFalse();
    assertThat(v.verify(id.nodeId(), id.toString(), batch, new byte[0])).isFalse();
    assertThat(v.verify(id.nodeId(), id.toString(), batch, new byte[64])).isFalse();
  }

  @Test
  void aSignerCertificateWithABadKeyIsOneClearErrorNamingTheFile() throws Exception {
    keys(StationId.single("root.s1.pump1"));
    Path cert = KeyFiles.publicFile(tmp.resolve("signers"), StationId.single("root.s1.pump1"));
    String good = java.nio.file.Files.readString(cert);
    // 32 bytes that are no point of the curve (y beyond the field), then a key of the wrong size.
    for (String bad : new String[] {"//////////////////////////////////////////8=", "AAAA"}) {
      java.nio.file.Files.writeString(
          cert, good.replaceAll("ed25519-public = \"[^\"]*\"", "ed25519-public = \"" + bad + "\""));
      assertThatThrownBy(() -> BatchVerifier.fromDirectory(tmp.resolve("signers")))
          .isInstanceOf(KeyFileException.class)
          .hasMessageContaining(cert.getFileName().toString())
          .hasMessageContaining("Ed25519");
    }
  }

  @Test
  void anEmptySignerFileIsOneClearErrorNamingTheFile() throws Exception {
    // What an export interrupted by a crash can leave: signer copies are not forced to the disk.
    keys(StationId.single("root.s1.pump1"));
    Path cert = KeyFiles.publicFile(tmp.resolve("signers"), StationId.single("root.s1.pump1"));
    java.nio.file.Files.writeString(cert, "");
    assertThatThrownBy(() -> BatchVerifier.fromDirectory(tmp.resolve("signers")))
        .isInstanceOf(KeyFileException.class)
        .hasMessageContaining(cert.toString())
        .hasMessageContaining("public-key");
  }
}
