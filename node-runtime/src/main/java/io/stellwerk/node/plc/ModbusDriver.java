package io.stellwerk.node.plc;

import com.digitalpetri.modbus.exceptions.ModbusException;
import io.stellwerk.node.dim.Quality;
import io.stellwerk.node.dim.Value;
import io.stellwerk.node.topology.ModbusBinding;
import io.stellwerk.node.topology.ModbusPoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls a PLC over Modbus TCP and writes its setpoints; on a pair, also increments the life-sign
 * register at its interval so the passive peer can see the active is alive. When the PLC cannot be
 * reached every point it had read is reported with quality BAD and the connection is retried at the
 * next poll. Writes (the life sign included) happen only while the {@link WriteLease} is valid.
 */
public final class ModbusDriver implements PlcDriver {

  private static final Logger log = LoggerFactory.getLogger(ModbusDriver.class);

  private final String node;
  private final ModbusBinding binding;
  private final ModbusConnection connection;
  private final WriteLease lease;
  private final Map<String, ModbusPoint> writable = new LinkedHashMap<>();
  private final Map<String, Value> last = new HashMap<>();
  private long nextPoll;
  private long nextLifeSign;
  private Integer lifeSign;
  private boolean lost;
  private final boolean yieldOnConflict;
  private boolean yielded;

  /**
   * @param host the PLC's address after host mapping
   * @param localAddress the address to connect from, or {@code null}
   * @param yieldOnConflict whether to stop writing the life sign when another writer moves it (the
   *     backup of a pair yields, the primary keeps it: a deterministic end to two writers)
   */
  public ModbusDriver(
      String node,
      ModbusBinding binding,
      String host,
      String localAddress,
      WriteLease lease,
      boolean yieldOnConflict) {
    this.node = node;
    this.yieldOnConflict = yieldOnConflict;
    this.binding = binding;
    this.lease = lease;
    Duration timeout = Duration.ofMillis(Math.max(500, binding.poll().toMillis() * 5));
    this.connection =
        new ModbusConnection(host, binding.port(), binding.unit(), localAddress, timeout);
    for (ModbusPoint p : binding.points()) {
      if (p.access().writes()) {
        writable.put(node + "/" + p.key(), p);
      }
    }
  }

  @Override
  public Duration pollInterval() {
    return binding.lifeSignRegister().isPresent()
            && binding.lifeSignInterval().compareTo(binding.poll()) < 0
        ? binding.lifeSignInterval()
        : binding.poll();
  }

  @Override
  public List<PlcReading> poll(long nowMillis) {
    long t = System.nanoTime();
    List<PlcReading> out = new ArrayList<>();
    boolean talked = false;
    try {
      if (lost && t - nextPoll < 0) {
        return out; // retry the connection at the poll interval, not at every life-sign tick
      }
      if (binding.lifeSignRegister().isPresent() && t - nextLifeSign >= 0) {
        talked = true;
        nextLifeSign = t + binding.lifeSignInterval().toNanos();
        incrementLifeSign();
      }
      if (t - nextPoll >= 0) {
        talked = true;
        nextPoll = t + binding.poll().toNanos();
        for (ModbusPoint p : binding.points()) {
          if (p.access().reads()) {
            int count = p.table().bits() ? 1 : p.type().registers();
            Value v = PointCodec.decode(p, connection.read(p.table(), p.address(), count));
            last.put(p.key(), v);
            out.add(new PlcReading(node + "/" + p.key(), v, Quality.GOOD, nowMillis));
          }
        }
      }
      if (lost && talked) {
        lost = false;
        log.info("PLC {} of {} reachable again", connection.target(), node);
      }
      return out;
    } catch (ModbusException | RuntimeException e) {
      if (!lost) {
        lost = true;
        log.warn("PLC {} of {} unreachable: {}", connection.target(), node, e.toString());
      }
      nextPoll = t + binding.poll().toNanos();
      out.clear();
      last.forEach((k, v) -> out.add(new PlcReading(node + "/" + k, v, Quality.BAD, nowMillis)));
      return out;
    }
  }

  private void incrementLifeSign() throws ModbusException {
    if (yielded || !lease.valid()) {
      return;
    }
    int register = binding.lifeSignRegister().getAsInt();
    // Read back before every increment: a value this peer did not write means another writer is
    // active (a peer that took over while this one was cut off or frozen).
    int current = connection.read(ModbusPoint.Table.HOLDING, register, 1)[0];
    if (lifeSign != null && current != lifeSign) {
      lease.conflict();
      log.warn(
          "PLC life sign of {} is {}, not the {} this peer wrote: another writer is active{}",
          node,
          current,
          lifeSign,
          yieldOnConflict ? "; yielding" : "");
      if (yieldOnConflict) {
        yielded = true; // for good: the HA controller steps this peer down
        return;
      }
    }
    // Continue from the value in the PLC, so the counter keeps moving across a takeover.
    int next = (current + 1) & 0xffff;
    if (!lease.valid()) {
      return;
    }
    connection.write(ModbusPoint.Table.HOLDING, register, new int[] {next});
    lifeSign = next;
  }

  @Override
  public Set<String> writableKeys() {
    return writable.keySet();
  }

  @Override
  public void write(String key, Value value) {
    ModbusPoint p = writable.get(key);
    if (p == null) {
      throw new IllegalArgumentException(key + " is not writable");
    }
    int[] words;
    try {
      words = PointCodec.encode(p, value);
    } catch (IllegalArgumentException | ClassCastException e) {
      log.warn("write to {} refused: {}", key, e.getMessage());
      return;
    }
    if (!lease.valid()) {
      log.warn("write to {} dropped: this peer does not hold the PLC write lease", key);
      return;
    }
    try {
      connection.write(p.table(), p.address(), words);
    } catch (ModbusException | RuntimeException e) {
      log.warn(
          "write to {} failed: PLC {} unreachable ({})", key, connection.target(), e.toString());
    }
  }

  @Override
  public void close() {
    connection.close();
  }
}
