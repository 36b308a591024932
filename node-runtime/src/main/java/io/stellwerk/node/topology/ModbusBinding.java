package io.stellwerk.node.topology;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * A validated {@code modbus} PLC binding, typed: where the PLC is, how often it is polled, the
 * life-sign register and its interval, and the points.
 *
 * @param lifeSignRegister the holding register the active increments, if any
 */
public record ModbusBinding(
    String host,
    int port,
    int unit,
    Duration poll,
    OptionalInt lifeSignRegister,
    Duration lifeSignInterval,
    List<ModbusPoint> points) {

  public static final int DEFAULT_PORT = 502;
  public static final int DEFAULT_UNIT = 1;
  public static final Duration DEFAULT_POLL = Duration.ofMillis(100);
  public static final Duration DEFAULT_LIFE_SIGN_INTERVAL = Duration.ofMillis(100);

  /** The typed view of a binding of kind {@code modbus} that passed validation. */
  public static ModbusBinding of(PlcBinding b) {
    List<ModbusPoint> points = new ArrayList<>();
    for (int i = 0; i < b.points().size(); i++) {
      int n = i + 1;
      points.add(
          ModbusPoint.read(
                  b.points().get(i),
                  "point " + n,
                  (f, m) -> {
                    throw new IllegalArgumentException(m);
                  })
              .orElseThrow());
    }
    String register = b.params().get("life_sign.register");
    return new ModbusBinding(
        b.params().get("host"),
        (int) b.longParam("port", DEFAULT_PORT),
        (int) b.longParam("unit", DEFAULT_UNIT),
        b.durationParam("poll", DEFAULT_POLL),
        register == null ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(register.trim())),
        b.durationParam("life_sign.interval", DEFAULT_LIFE_SIGN_INTERVAL),
        List.copyOf(points));
  }
}
