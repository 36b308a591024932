package io.stellwerk.node.dim;

/** How far a value can be trusted, as OPC UA and PLCs know it. */
public enum Quality {
  GOOD,
  UNCERTAIN,
  BAD
}
