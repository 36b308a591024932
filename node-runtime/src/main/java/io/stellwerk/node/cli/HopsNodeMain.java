package io.stellwerk.node.cli;

import io.stellwerk.node.bench.HopsBench;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** A relay or the sink of {@code bench hops}, started by the bench as its own process. */
public final class HopsNodeMain {

  private HopsNodeMain() {}

  /** {@code relay|sink INDEX jeromq|tcp}. */
  public static void main(String[] args) {
    HopsBench.node(
        args[0],
        Integer.parseInt(args[1]),
        args[2],
        new PrintWriter(System.out, false, StandardCharsets.UTF_8));
  }
}
