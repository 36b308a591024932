package io.stellwerk.node.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trust store's states, its files and its rules, without sockets. */
class TrustStoreTest {

  @TempDir Path tmp;

  private static CurveCert key() {
    return CurveCert.generate(Map.of("name", "x"), true);
  }

  @Test
  void entriesSurviveReopeningAsReadableFilesNamedByFingerprint() throws Exception {
    TrustStore s = TrustStore.open(tmp);
    CurveCert c = key();
    s.trust(c, "root.s1", TrustRole.CHILD, "bundle");

    Path file = tmp.resolve(c.fingerprint().hex() + ".trust");
    assertThat(Files.readString(file))
        .contains("state = \"accepted\"", "identity = \"root.s1\"", c.fingerprint().toString());
    TrustEntry back = TrustStore.open(tmp).get(c.fingerprint()).orElseThrow();
    assertThat(back.admits(TrustRole.CHILD)).isTrue();
    assertThat(back.cert().signingPublicKey()).isPresent();
    assertThat(s.acceptedKey("root.s1", TrustRole.CHILD)).contains(c.publicKey());
    assertThat(s.acceptedKey("root.s1", TrustRole.PARENT)).isEmpty();
  }

  @Test
  void aKeyIsAdmittedOnlyForTheRoleItWasAcceptedFor() {
    TrustStore s = TrustStore.open(tmp);
    CurveCert c = key();
    s.trust(c, "root.s1", TrustRole.CHILD, "bundle");

    for (TrustRole r : TrustRole.values()) {
      assertThat(s.admit(c.publicKey(), r, "127.0.0.1").admitted()).isEqualTo(r == TrustRole.CHILD);
    }
    assertThat(s.admit(c.publicKey(), TrustRole.CHILD, "127.0.0.1").userId()).isEqualTo("root.s1");
  }

  @Test
  void repeatedKnocksAreCountedButWrittenAtMostEveryFewSeconds() {
    TrustStore s = TrustStore.open(tmp);
    byte[] k = key().publicKey();
    for (int i = 0; i < 20; i++) {
      assertThat(s.admit(k, TrustRole.CHILD, "127.0.0.2").admitted()).isFalse();
    }
    TrustEntry e = s.list().get(0);
    assertThat(e.state()).isEqualTo(TrustState.PENDING);
    assertThat(e.knocks()).isEqualTo(1);
  }

  @Test
  void aPersonsDecisionIsNeverUndoneByAKnock() {
    TrustStore zap = TrustStore.open(tmp);
    TrustStore cli = TrustStore.open(tmp);
    CurveCert c = key();
    zap.admit(c.publicKey(), TrustRole.CHILD, "127.0.0.3");
    cli.reject(c.fingerprint());

    zap.admit(c.publicKey(), TrustRole.CHILD, "127.0.0.3");

    assertThat(cli.get(c.fingerprint()).orElseThrow().state()).isEqualTo(TrustState.REJECTED);
  }

  @Test
  void revokeAndRejectKeepTheirMeaning() {
    TrustStore s = TrustStore.open(tmp);
    CurveCert c = key();
    s.admit(c.publicKey(), TrustRole.CHILD, "127.0.0.4");
    assertThatThrownBy(() -> s.revoke(c.fingerprint())).hasMessageContaining("not accepted");
    s.accept(c.fingerprint(), "root.s4", TrustRole.CHILD, false);
    assertThatThrownBy(() -> s.reject(c.fingerprint())).hasMessageContaining("revoke it instead");
    s.revoke(c.fingerprint());
    assertThat(s.noLongerAdmitted(TrustRole.CHILD, List.of("root.s4"))).containsExactly("root.s4");
    assertThat(s.find(c.fingerprint().toString().substring(0, 16)).note()).isEqualTo("revoked");
  }

  @Test
  void randomDecisionsFollowTheTransitionTableAndAnIdentityHasAtMostOneAcceptedKey() {
    Random random = new Random(11);
    TrustStore s = TrustStore.open(tmp);
    List<CurveCert> keys = List.of(key(), key(), key(), key());
    for (CurveCert k : keys) {
      s.admit(k.publicKey(), TrustRole.CHILD, "127.0.0.5");
    }
    for (int step = 0; step < 300; step++) {
      CurveCert k = keys.get(random.nextInt(keys.size()));
      TrustState before = s.get(k.fingerprint()).orElseThrow().state();
      try {
        switch (random.nextInt(4)) {
          case 0 -> s.accept(k.fingerprint(), "root.s" + random.nextInt(2), TrustRole.CHILD, false);
          case 1 -> s.accept(k.fingerprint(), "root.s" + random.nextInt(2), TrustRole.CHILD, true);
          case 2 -> s.reject(k.fingerprint());
          default -> s.revoke(k.fingerprint());
        }
      } catch (IllegalArgumentException refused) {
        assertThat(refused.getMessage()).doesNotContain("\n");
      }
      TrustState after = s.get(k.fingerprint()).orElseThrow().state();
      assertThat(after == before || before.canBecome(after)).as(before + " -> " + after).isTrue();
      for (String id : List.of("root.s0", "root.s1")) {
        assertThat(
                s.list().stream()
                    .filter(e -> e.state() == TrustState.ACCEPTED && id.equals(e.identity())))
            .hasSizeLessThanOrEqualTo(1);
      }
    }
  }
}
