package io.stellwerk.node.cli;

import io.stellwerk.node.security.SignatureBench;
import java.io.PrintWriter;

/**
 * {@code java -cp stellwerk-node.jar io.stellwerk.node.cli.SignatureBenchMain [ITERATIONS]}: the
 * cost of Ed25519 batch signatures as JSON lines (batches of 1, 100, 500, 2,000 and 10,000
 * entries).
 */
public final class SignatureBenchMain {

  private SignatureBenchMain() {}

  /** Runs the bench and prints its figures on stdout. */
  public static void main(String[] args) {
    int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    new SignatureBench(new PrintWriter(System.out, true))
        .run(new int[] {1, 100, 500, 2_000, 10_000}, iterations);
  }
}
