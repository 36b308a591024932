package io.stellwerk.node.security;

import java.io.PrintWriter;
import java.security.KeyPair;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Measures what owner signatures cost: Ed25519 sign and verify over batches of typical DIM entries
 * (about 48 bytes each: key, typed value, quality, timestamp, version), one JSON line per batch
 * size with microseconds per batch and per entry.
 */
public final class SignatureBench {

  static final int ENTRY_BYTES = 48;

  private final PrintWriter out;

  /** A bench writing its JSON lines to {@code out}. */
  public SignatureBench(PrintWriter out) {
    this.out = out;
  }

  /** Runs every batch size for about {@code iterations} signatures each, after a warm-up. */
  public void run(int[] entriesPerBatch, int iterations) {
    KeyPair kp = Ed25519.generate();
    BatchSigner signer = new BatchSigner("root.s1", kp.getPrivate());
    BatchVerifier verifier = new BatchVerifier(Map.of("root.s1", kp.getPublic()));
    Random random = new Random(42);
    for (int entries : entriesPerBatch) {
      byte[] batch = new byte[entries * ENTRY_BYTES];
      random.nextBytes(batch);
      byte[] sig = signer.sign(batch);
      for (int i = 0; i < Math.max(200, iterations / 5); i++) {
        sig = signer.sign(batch);
        verifier.verify("root.s1", "root.s1", batch, sig);
      }
      long t0 = System.nanoTime();
      for (int i = 0; i < iterations; i++) {
        sig = signer.sign(batch);
      }
      long t1 = System.nanoTime();
      boolean ok = true;
      for (int i = 0; i < iterations; i++) {
        ok &= verifier.verify("root.s1", "root.s1", batch, sig);
      }
      long t2 = System.nanoTime();
      double signUs = (t1 - t0) / 1e3 / iterations;
      double verifyUs = (t2 - t1) / 1e3 / iterations;
      out.println(
          String.format(
              Locale.ROOT,
              "{\"bench\":\"ed25519-batch\",\"entries\":%d,\"bytes\":%d,\"iterations\":%d,"
                  + "\"sign_us\":%.1f,\"verify_us\":%.1f,\"sign_us_per_entry\":%.3f,"
                  + "\"verify_us_per_entry\":%.3f,\"ok\":%b}",
              entries,
              batch.length,
              iterations,
              signUs,
              verifyUs,
              signUs / entries,
              verifyUs / entries,
              ok));
      out.flush();
    }
  }
}
