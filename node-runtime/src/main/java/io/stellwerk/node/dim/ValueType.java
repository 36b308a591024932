package io.stellwerk.node.dim;

import java.util.Locale;

/** The types a DIM value can have. */
public enum ValueType {
  BOOL,
  LONG,
  DOUBLE,
  STRING,
  BYTES;

  /** The name used on the command line and in JSON. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
