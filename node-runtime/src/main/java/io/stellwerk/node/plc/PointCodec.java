package io.stellwerk.node.plc;

import io.stellwerk.node.dim.Value;
import io.stellwerk.node.dim.ValueType;
import io.stellwerk.node.topology.ModbusPoint;

/**
 * Turns the raw words of a Modbus point into a DIM value and back: bits are booleans; registers are
 * read as their type (32-bit types high word first) and multiplied by the scale. An unscaled
 * integer register is a long; anything scaled is a double.
 */
final class PointCodec {

  private PointCodec() {}

  static Value decode(ModbusPoint p, int[] w) {
    if (p.table().bits()) {
      return Value.of(w[0] != 0);
    }
    double raw =
        switch (p.type()) {
          case INT16 -> (short) w[0];
          case UINT16 -> w[0] & 0xffff;
          case INT32 -> (w[0] << 16) | (w[1] & 0xffff);
          case UINT32 -> ((long) (w[0] & 0xffff) << 16) | (w[1] & 0xffff);
          case FLOAT32 -> Float.intBitsToFloat((w[0] << 16) | (w[1] & 0xffff));
          case BOOL -> w[0] != 0 ? 1 : 0;
        };
    if (p.scale() == 1 && p.type() != ModbusPoint.Type.FLOAT32) {
      return Value.of((long) raw);
    }
    return Value.of(raw * p.scale());
  }

  /**
   * The words that hold {@code v}.
   *
   * @throws IllegalArgumentException when the value does not fit the point's type
   */
  static int[] encode(ModbusPoint p, Value v) {
    double d = v.type() == ValueType.BOOL ? (v.asBool() ? 1 : 0) : v.asDouble();
    if (p.table().bits()) {
      return new int[] {d != 0 ? 1 : 0};
    }
    double scaled = d / p.scale();
    if (p.type() == ModbusPoint.Type.FLOAT32) {
      int bits = Float.floatToIntBits((float) scaled);
      return new int[] {(bits >>> 16) & 0xffff, bits & 0xffff};
    }
    long raw = Math.round(scaled);
    long lo =
        switch (p.type()) {
          case INT16 -> Short.MIN_VALUE;
          case INT32 -> Integer.MIN_VALUE;
          default -> 0;
        };
    long hi =
        switch (p.type()) {
          case INT16 -> Short.MAX_VALUE;
          case UINT16 -> 0xffff;
          case INT32 -> Integer.MAX_VALUE;
          default -> 0xffff_ffffL;
        };
    if (raw < lo || raw > hi) {
      throw new IllegalArgumentException(
          v + " does not fit " + p.key() + " (" + p.type().label() + ", scale " + p.scale() + ")");
    }
    if (p.type().registers() == 1) {
      return new int[] {(int) raw & 0xffff};
    }
    return new int[] {(int) (raw >>> 16) & 0xffff, (int) raw & 0xffff};
  }
}
