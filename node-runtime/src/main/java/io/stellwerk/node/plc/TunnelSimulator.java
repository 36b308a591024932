package io.stellwerk.node.plc;

import io.stellwerk.node.dim.Quality;
import io.stellwerk.node.dim.Value;
import io.stellwerk.node.topology.PlcBinding;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * A simulated tunnel section: traffic raises CO and lowers visibility, running fans bring them
 * back; fans follow their speed setpoints with inertia; lighting follows its setpoint; alarms raise
 * above thresholds; a life-sign counter increments every poll. Setpoints are writable.
 */
public final class TunnelSimulator implements PlcDriver {

  static final double CO_ALARM_PPM = 70;
  static final double VISIBILITY_ALARM_PCT = 40;

  private final String node;
  private final Duration interval;
  private final Random random;
  private final double[] fanSpeed;
  private final double[] fanSetpoint;
  private double co = 15;
  private double visibility = 95;
  private double light = 60;
  private double lightSetpoint = 60;
  private long lifeSign;
  private final Set<String> writable = new LinkedHashSet<>();

  /** A simulator for the node, with the binding's rate, fan count and seed. */
  public TunnelSimulator(String node, PlcBinding binding) {
    this.node = node;
    double rate = binding.doubleParam("rate", 2);
    this.interval = Duration.ofNanos((long) (1_000_000_000L / rate));
    this.random = new Random(binding.longParam("seed", node.hashCode()));
    int fans = (int) binding.longParam("fans", 2);
    fanSpeed = new double[fans];
    fanSetpoint = new double[fans];
    for (int i = 0; i < fans; i++) {
      fanSetpoint[i] = 30;
      fanSpeed[i] = 30;
      writable.add(key("fan" + (i + 1) + "/setpoint_pct"));
    }
    writable.add(key("light/setpoint_pct"));
  }

  private String key(String point) {
    return node + "/" + point;
  }

  @Override
  public Duration pollInterval() {
    return interval;
  }

  @Override
  public List<PlcReading> poll(long now) {
    double dt = interval.toMillis() / 1000.0;
    double airflow = 0;
    for (int i = 0; i < fanSpeed.length; i++) {
      fanSpeed[i] += (fanSetpoint[i] - fanSpeed[i]) * Math.min(1, dt / 4);
      airflow += fanSpeed[i] / 100.0;
    }
    double traffic = 2.5 + 1.5 * Math.sin(now / 60_000.0) + random.nextGaussian();
    co = clamp(co + dt * (traffic - co * 0.02 * (0.5 + airflow)), 0, 400);
    visibility = clamp(100 - co * 0.6 + random.nextGaussian() * 0.5, 0, 100);
    light += (lightSetpoint - light) * Math.min(1, dt);
    lifeSign++;
    List<PlcReading> out = new ArrayList<>(8 + 3 * fanSpeed.length);
    out.add(reading("air/co_ppm", Value.of(round(co)), now));
    out.add(reading("air/visibility_pct", Value.of(round(visibility)), now));
    for (int i = 0; i < fanSpeed.length; i++) {
      String fan = "fan" + (i + 1);
      out.add(reading(fan + "/speed_pct", Value.of(round(fanSpeed[i])), now));
      out.add(reading(fan + "/running", Value.of(fanSpeed[i] > 1), now));
      out.add(reading(fan + "/setpoint_pct", Value.of(fanSetpoint[i]), now));
    }
    out.add(reading("light/level_pct", Value.of(round(light)), now));
    out.add(reading("light/setpoint_pct", Value.of(lightSetpoint), now));
    out.add(reading("alarm/co_high", Value.of(co > CO_ALARM_PPM), now));
    out.add(reading("alarm/visibility_low", Value.of(visibility < VISIBILITY_ALARM_PCT), now));
    out.add(reading("plc/lifesign", Value.of(lifeSign), now));
    return out;
  }

  private PlcReading reading(String point, Value v, long now) {
    return new PlcReading(key(point), v, Quality.GOOD, now);
  }

  @Override
  public Set<String> writableKeys() {
    return writable;
  }

  @Override
  public void write(String key, Value value) {
    double v = clamp(value.asDouble(), 0, 100);
    if (key.equals(key("light/setpoint_pct"))) {
      lightSetpoint = v;
      return;
    }
    for (int i = 0; i < fanSetpoint.length; i++) {
      if (key.equals(key("fan" + (i + 1) + "/setpoint_pct"))) {
        fanSetpoint[i] = v;
        return;
      }
    }
    throw new IllegalArgumentException(key + " is not writable");
  }

  private static double clamp(double v, double lo, double hi) {
    return Math.max(lo, Math.min(hi, v));
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
