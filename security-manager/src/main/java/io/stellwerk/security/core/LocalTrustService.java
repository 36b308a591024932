package io.stellwerk.security.core;

import io.stellwerk.node.security.Fingerprint;
import io.stellwerk.node.security.KeyFileException;
import io.stellwerk.node.security.TrustJson;
import io.stellwerk.node.security.TrustRole;
import io.stellwerk.node.security.TrustStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * A trust-store directory on this machine, e.g. {@code bundles/root.s1/trust} before the bundle is
 * shipped, or the store of a station running on this box (the store re-reads its files, so the
 * station sees a change at its next handshake).
 */
public final class LocalTrustService implements TrustService {

  private final TrustStore store;

  private LocalTrustService(TrustStore store) {
    this.store = store;
  }

  /**
   * Opens an existing trust-store directory.
   *
   * @throws TrustServiceException when it does not exist or cannot be read
   */
  public static LocalTrustService open(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new TrustServiceException(
          "no trust store at " + dir + ": the directory does not exist");
    }
    try {
      return new LocalTrustService(TrustStore.open(dir));
    } catch (KeyFileException | IllegalArgumentException e) {
      throw new TrustServiceException(e.getMessage());
    }
  }

  @Override
  public String describe() {
    return "trust store " + store.directory();
  }

  @Override
  public List<TrustJson.Row> list() {
    return call(s -> s.list().stream().map(e -> TrustJson.row(TrustJson.of(e))).toList());
  }

  @Override
  public TrustJson.Row accept(
      String fingerprint, String identity, TrustRole role, boolean replace) {
    return call(s -> row(s.accept(fp(s, fingerprint), identity, role, replace)));
  }

  @Override
  public TrustJson.Row reject(String fingerprint) {
    return call(s -> row(s.reject(fp(s, fingerprint))));
  }

  @Override
  public TrustJson.Row revoke(String fingerprint) {
    return call(s -> row(s.revoke(fp(s, fingerprint))));
  }

  private static Fingerprint fp(TrustStore s, String typed) {
    return s.find(typed).fingerprint();
  }

  private static TrustJson.Row row(io.stellwerk.node.security.TrustEntry e) {
    return TrustJson.row(TrustJson.of(e));
  }

  private <T> T call(Function<TrustStore, T> op) {
    try {
      return op.apply(store);
    } catch (KeyFileException | IllegalArgumentException e) {
      throw new TrustServiceException(e.getMessage());
    }
  }
}
