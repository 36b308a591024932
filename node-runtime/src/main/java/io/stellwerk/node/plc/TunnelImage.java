package io.stellwerk.node.plc;

import io.stellwerk.node.topology.ModbusPoint;
import java.util.Random;

/**
 * The register map of a simulated tunnel-section PLC (profile {@code tunnel}), as {@code
 * examples/single-level-ha.yaml} maps it. Traffic raises CO and lowers visibility, running fans
 * bring them back; fans follow their setpoints with inertia; alarms raise above thresholds.
 *
 * <table>
 *   <caption>Register map (values ×10 where a unit is given)</caption>
 *   <tr><th>table</th><th>address</th><th>meaning</th></tr>
 *   <tr><td>input</td><td>0, 1</td><td>CO ppm ×10, visibility % ×10</td></tr>
 *   <tr><td>input</td><td>2, 3</td><td>fan 1, fan 2 speed % ×10</td></tr>
 *   <tr><td>input</td><td>4</td><td>light level % ×10</td></tr>
 *   <tr><td>holding</td><td>0, 1, 2</td><td>fan 1, fan 2, light setpoint % ×10</td></tr>
 *   <tr><td>coil</td><td>0, 1</td><td>fan 1, fan 2 run command</td></tr>
 *   <tr><td>discrete</td><td>0, 1</td><td>CO high, visibility low alarm</td></tr>
 * </table>
 *
 * <p>Every other address of the first {@link #SIZE} holds a plain register or bit, such as a life
 * sign a SCADA node increments. Thread-safe.
 */
public final class TunnelImage {

  /** Addresses 0 … SIZE-1 exist in every table. */
  public static final int SIZE = 1024;

  private static final int FANS = 2;
  private final int[] holding = new int[SIZE];
  private final int[] input = new int[SIZE];
  private final int[] coils = new int[SIZE];
  private final int[] discrete = new int[SIZE];
  private final Random random = new Random(7);
  private final double[] fanSpeed = new double[FANS];
  private double co = 15;
  private double light = 60;

  public TunnelImage() {
    for (int i = 0; i < FANS; i++) {
      holding[i] = 300;
      coils[i] = 1;
      fanSpeed[i] = 30;
    }
    holding[2] = 600;
    step(0);
  }

  /** Advances the simulated process by {@code dt} seconds. */
  public synchronized void step(double dt) {
    double airflow = 0;
    for (int i = 0; i < FANS; i++) {
      double target = coils[i] != 0 ? holding[i] / 10.0 : 0;
      fanSpeed[i] += (target - fanSpeed[i]) * Math.min(1, dt / 4);
      airflow += fanSpeed[i] / 100.0;
      input[2 + i] = (int) Math.round(fanSpeed[i] * 10);
    }
    double traffic = 2.5 + random.nextGaussian();
    co = Math.max(0, Math.min(400, co + dt * (traffic - co * 0.02 * (0.5 + airflow))));
    double visibility = Math.max(0, Math.min(100, 100 - co * 0.6));
    light += (holding[2] / 10.0 - light) * Math.min(1, dt);
    input[0] = (int) Math.round(co * 10);
    input[1] = (int) Math.round(visibility * 10);
    input[4] = (int) Math.round(light * 10);
    discrete[0] = co > 70 ? 1 : 0;
    discrete[1] = visibility < 40 ? 1 : 0;
  }

  /** Reads {@code count} registers or bits. */
  public synchronized int[] read(ModbusPoint.Table table, int address, int count) {
    int[] out = new int[count];
    System.arraycopy(array(table), address, out, 0, count);
    return out;
  }

  /** Writes registers or bits (as a client would). */
  public synchronized void write(ModbusPoint.Table table, int address, int[] values) {
    System.arraycopy(values, 0, array(table), address, values.length);
  }

  private int[] array(ModbusPoint.Table table) {
    return switch (table) {
      case HOLDING -> holding;
      case INPUT -> input;
      case COIL -> coils;
      case DISCRETE -> discrete;
    };
  }
}
