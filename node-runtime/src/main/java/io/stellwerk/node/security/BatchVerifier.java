package io.stellwerk.node.security;

import io.stellwerk.node.topology.StationId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.bouncycastle.crypto.Signer;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * Checks batch signatures against the owners' Ed25519 keys from trust material: a batch of keys
 * owned by node {@code N} must be signed by a station of {@code N} (the single node, or either peer
 * of the pair, since both write under the pair's id). Unknown signers and bad signatures are
 * refused and counted. One verifier per thread.
 */
public final class BatchVerifier {

  private Map<String, PublicKey> keysBySigner;
  // The same keys decoded once for the engine (decoding a point costs about a verification).
  private Map<String, Ed25519PublicKeyParameters> engineKeys;
  private final Path directory;
  private String seen = "";
  private final Signer ed25519 = new Ed25519Signer();
  private final AtomicLong verified = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();

  /** A verifier over signing keys by station id ({@code root.s1}, {@code root[primary]}). */
  public BatchVerifier(Map<String, PublicKey> keysBySigner) {
    this(keysBySigner, null);
  }

  private BatchVerifier(Map<String, PublicKey> keysBySigner, Path directory) {
    use(keysBySigner);
    this.directory = directory;
  }

  private void use(Map<String, PublicKey> keys) {
    Map<String, Ed25519PublicKeyParameters> engine = new HashMap<>();
    keys.forEach((s, k) -> engine.put(s, new Ed25519PublicKeyParameters(Ed25519.raw(k))));
    this.keysBySigner = Map.copyOf(keys);
    this.engineKeys = Map.copyOf(engine);
  }

  /**
   * A verifier over the public certificates in a directory (a bundle's {@code signers/}): each
   * certificate's {@code name} is the station, its {@code ed25519-public} the key.
   */
  public static BatchVerifier fromDirectory(Path dir) {
    BatchVerifier v = new BatchVerifier(read(dir), dir);
    v.seen = listing(dir);
    return v;
  }

  /**
   * Reads the signer directory again if its files changed (a certificate added or replaced by the
   * engineer, e.g. for a station that made its own keys), so no restart is needed.
   *
   * @return whether the signers changed
   * @throws KeyFileException when a changed certificate cannot be read (the old signers stay)
   */
  public boolean refresh() {
    if (directory == null) {
      return false;
    }
    String now = listing(directory);
    if (now.equals(seen)) {
      return false;
    }
    Map<String, PublicKey> keys = read(directory);
    seen = now;
    boolean changed = !keys.equals(keysBySigner);
    use(keys);
    return changed;
  }

  /** Names, sizes and modification times of the directory's files: what a change shows in. */
  private static String listing(Path dir) {
    StringBuilder b = new StringBuilder();
    for (Path f : files(dir)) {
      try {
        b.append(f.getFileName())
            .append(' ')
            .append(Files.size(f))
            .append(' ')
            .append(Files.getLastModifiedTime(f).toMillis())
            .append('\n');
      } catch (java.io.IOException e) {
        b.append(f.getFileName()).append(" unreadable\n");
      }
    }
    return b.toString();
  }

  private static List<Path> files(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isRegularFile).sorted().toList();
    } catch (java.io.IOException e) {
      throw new KeyFileException("cannot read signer directory " + dir + ": " + e.getMessage());
    }
  }

  private static Map<String, PublicKey> read(Path dir) {
    Map<String, PublicKey> keys = new HashMap<>();
    for (Path f : files(dir)) {
      CurveCert c = CertFiles.readPublic(f);
      Optional<PublicKey> k;
      try {
        k = c.signingPublicKey();
        // The engine decodes the point: a key that is none fails here, not at the first batch.
        k.ifPresent(key -> new Ed25519PublicKeyParameters(Ed25519.raw(key)));
      } catch (IllegalArgumentException e) {
        throw new KeyFileException(
            "signer certificate "
                + f
                + ": its "
                + CurveCert.ED25519_PUBLIC
                + " is not an Ed25519 public key ("
                + e.getMessage()
                + ")");
      }
      if (k.isPresent() && c.meta("name").isPresent()) {
        keys.put(c.meta("name").get(), k.get());
      }
    }
    return keys;
  }

  /** Whether {@code signer} may sign for {@code ownerNodeId} and the signature is good. */
  public boolean verify(String ownerNodeId, String signer, byte[] batch, byte[] signature) {
    return verify(ownerNodeId, signer, batch, 0, batch.length, signature);
  }

  /** The same over a slice of a buffer. */
  public boolean verify(
      String ownerNodeId, String signer, byte[] batch, int offset, int length, byte[] signature) {
    Ed25519PublicKeyParameters key = engineKeys.get(signer);
    boolean ok =
        key != null
            && StationId.parse(signer).map(s -> s.nodeId().equals(ownerNodeId)).orElse(false)
            && check(key, signer, batch, offset, length, signature);
    (ok ? verified : refused).incrementAndGet();
    return ok;
  }

  private boolean check(
      Ed25519PublicKeyParameters key,
      String signer,
      byte[] batch,
      int offset,
      int length,
      byte[] signature) {
    ed25519.init(false, key);
    BatchSigner.feed(ed25519, signer, batch, offset, length);
    return ed25519.verifySignature(signature);
  }

  /** Batches that verified. */
  public long verifiedCount() {
    return verified.get();
  }

  /** Batches refused: unknown signer, signer not of the owner, or a bad signature. */
  public long refusedCount() {
    return refused.get();
  }
}
