package io.stellwerk.node.security;

import io.stellwerk.node.topology.StationId;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A station's security material, loaded from its bundle directory at start: its own keys, its trust
 * store and the signers' public keys.
 *
 * <pre>
 * BUNDLE/keys/NAME, NAME_secret   the station's certificates (secret mode 0600)
 * BUNDLE/trust/                   its trust store
 * BUNDLE/signers/                 the Ed25519 keys of every station (verifying owner batches)
 * </pre>
 *
 * @param bundle the directory it was loaded from
 * @param keys the station's own CURVE and Ed25519 keys
 * @param trust the keys it admits, by role
 * @param signer signs the batches this station owns
 * @param verifier checks owner signatures of batches from anywhere in the tree
 */
public record NodeSecurity(
    Path bundle, StationKeys keys, TrustStore trust, BatchSigner signer, BatchVerifier verifier) {

  /**
   * Loads a station's bundle. Every failure is one line naming the file or directory.
   *
   * @throws KeyFileException when a key file is missing, too open or malformed, or the trust store
   *     or signers directory is missing
   */
  public static NodeSecurity load(Path bundle, StationId station) {
    if (!Files.isDirectory(bundle)) {
      throw new KeyFileException(
          "no key bundle at "
              + bundle
              + " (create one with 'stellwerk-node keys generate', or run with --insecure)");
    }
    StationKeys keys = KeyFiles.loadStationKeys(bundle.resolve("keys"), station);
    Path trustDir = bundle.resolve("trust");
    Path signers = bundle.resolve("signers");
    for (Path p : new Path[] {trustDir, signers}) {
      if (!Files.isDirectory(p)) {
        throw new KeyFileException(
            p + " does not exist: the bundle of " + station + " is not whole");
      }
    }
    return new NodeSecurity(
        bundle,
        keys,
        TrustStore.open(trustDir),
        new BatchSigner(keys),
        BatchVerifier.fromDirectory(signers));
  }
}
