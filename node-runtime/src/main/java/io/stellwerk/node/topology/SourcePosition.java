package io.stellwerk.node.topology;

/** A 1-based line and column in a topology file; (0, 0) means "no position known". */
public record SourcePosition(int line, int column) {

  /** The position used when nothing better is known. */
  public static final SourcePosition UNKNOWN = new SourcePosition(0, 0);
}
