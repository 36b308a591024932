package io.stellwerk.node.topology;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a node reaches its PLCs: a kind ({@code simulator} for now) and its parameters, kept in file
 * order. Parameters are validated against {@link PlcKind} when the topology is loaded.
 */
public record PlcBinding(String kind, Map<String, String> params) {

  /** Copies the parameters, keeping their order. */
  public PlcBinding {
    params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
  }

  /** A parameter as a double, or the fallback when absent. */
  public double doubleParam(String name, double fallback) {
    String v = params.get(name);
    return v == null ? fallback : Double.parseDouble(v);
  }

  /** A parameter as a long, or the fallback when absent. */
  public long longParam(String name, long fallback) {
    String v = params.get(name);
    return v == null ? fallback : Long.parseLong(v);
  }
}
