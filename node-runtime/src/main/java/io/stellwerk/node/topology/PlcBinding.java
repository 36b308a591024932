package io.stellwerk.node.topology;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a node reaches its PLCs: a kind ({@code simulator}, {@code modbus}), its parameters and, for
 * kinds that map registers, its points, all kept in file order as written. Parameters of a nested
 * mapping are named with a dot ({@code life_sign.register}). Everything is validated against {@link
 * PlcKind} and {@link ModbusPoint} when the topology is loaded.
 *
 * @param points each point's fields as written ({@code key}, {@code table}, {@code address}, ...)
 */
public record PlcBinding(
    String kind, Map<String, String> params, List<Map<String, String>> points) {

  /** Copies the parameters and points, keeping their order. */
  public PlcBinding {
    params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    points = points.stream().map(p -> Collections.unmodifiableMap(new LinkedHashMap<>(p))).toList();
  }

  /** A binding without points. */
  public PlcBinding(String kind, Map<String, String> params) {
    this(kind, params, List.of());
  }

  /** The same binding with another kind. */
  public PlcBinding withKind(String newKind) {
    return new PlcBinding(newKind, params, points);
  }

  /** The same binding with other parameters. */
  public PlcBinding withParams(Map<String, String> newParams) {
    return new PlcBinding(kind, newParams, points);
  }

  /** A parameter as a double, or the fallback when absent. */
  public double doubleParam(String name, double fallback) {
    String v = params.get(name);
    return v == null ? fallback : Double.parseDouble(v);
  }

  /** A parameter as a long, or the fallback when absent. */
  public long longParam(String name, long fallback) {
    String v = params.get(name);
    return v == null ? fallback : Long.parseLong(v.trim());
  }

  /** A parameter as a duration, or the fallback when absent. */
  public Duration durationParam(String name, Duration fallback) {
    String v = params.get(name);
    return v == null ? fallback : Durations.parse(v).orElse(fallback);
  }
}
