package io.stellwerk.node.plc;

import io.stellwerk.node.dim.Quality;
import io.stellwerk.node.dim.Value;

/** One value read from a PLC point, already mapped to its DIM key. */
public record PlcReading(String key, Value value, Quality quality, long timestamp) {}
