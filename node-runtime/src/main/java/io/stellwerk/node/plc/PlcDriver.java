package io.stellwerk.node.plc;

import io.stellwerk.node.dim.Value;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** A connection to a node's PLCs. Called from the PLC actor thread only. */
public interface PlcDriver {

  /** How often {@link #poll} is called. */
  Duration pollInterval();

  /** Reads every point once. */
  List<PlcReading> poll(long nowMillis) throws Exception;

  /** The DIM keys that accept writes. */
  Set<String> writableKeys();

  /** Writes one point. */
  void write(String key, Value value) throws Exception;

  /** Releases connections when the driver stops or is replaced after a failure. */
  default void close() {}
}
