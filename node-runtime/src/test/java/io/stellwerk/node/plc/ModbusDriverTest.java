package io.stellwerk.node.plc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stellwerk.node.dim.Quality;
import io.stellwerk.node.dim.Value;
import io.stellwerk.node.topology.ModbusBinding;
import io.stellwerk.node.topology.ModbusPoint;
import io.stellwerk.node.topology.Topology;
import io.stellwerk.node.topology.TopologyLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The Modbus driver against the real simulated PLC server over loopback TCP: points read and
 * scaled, setpoints written, the life sign incremented only under a valid lease, quality BAD when
 * the PLC goes away and GOOD again when it returns; the life-sign watcher's verdicts.
 */
@Timeout(60)
class ModbusDriverTest {

  static final String PLC_HOST = "127.0.100.50";
  static final int PLC_PORT = 1502; // as examples/single-level-ha.yaml says
  static final String CLIENT = "127.0.100.51";

  record Write(String remote, ModbusPoint.Table table, int address, int[] values) {}

  private final List<Write> writes = new CopyOnWriteArrayList<>();
  private PlcSimServer sim;
  private ModbusDriver driver;
  private LifeSignWatcher watcher;

  private static ModbusBinding example() {
    Path file = Path.of("..", "examples", "single-level-ha.yaml");
    Topology t = TopologyLoader.load(file).valid().orElseThrow();
    return ModbusBinding.of(t.root().plc());
  }

  private PlcSimServer startSim() {
    return PlcSimServer.start(
        PLC_HOST,
        PLC_PORT,
        new TunnelImage(),
        (remote, table, address, values) -> writes.add(new Write(remote, table, address, values)));
  }

  @AfterEach
  void stop() {
    if (watcher != null) {
      watcher.close();
    }
    if (driver != null) {
      driver.close();
    }
    if (sim != null) {
      sim.close();
    }
  }

  /** The next poll that reads the points (polls come due every 100 ms). */
  private Map<String, PlcReading> read() {
    AtomicReference<Map<String, PlcReading>> got = new AtomicReference<>();
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () -> {
              got.set(poll());
              return !got.get().isEmpty();
            });
    return got.get();
  }

  private Map<String, PlcReading> poll() throws Exception {
    return driver.poll(System.currentTimeMillis()).stream()
        .collect(Collectors.toMap(PlcReading::key, r -> r, (a, b) -> b));
  }

  @Test
  void readsScaledPointsAndWritesSetpointsFromItsOwnAddress() throws Exception {
    sim = startSim();
    driver = new ModbusDriver("section", example(), PLC_HOST, CLIENT, WriteLease.always(), false);
    Map<String, PlcReading> r = read();
    assertThat(r.get("section/fan1/setpoint_pct").value()).isEqualTo(Value.of(30.0));
    assertThat(r.get("section/fan1/run").value()).isEqualTo(Value.of(true));
    assertThat(r.get("section/air/co_ppm").quality()).isEqualTo(Quality.GOOD);
    assertThat(r.get("section/air/co_ppm").value().asDouble()).isBetween(0.0, 400.0);
    assertThat(driver.writableKeys())
        .containsExactlyInAnyOrder(
            "section/fan1/setpoint_pct",
            "section/fan2/setpoint_pct",
            "section/light/setpoint_pct",
            "section/fan1/run",
            "section/fan2/run");

    driver.write("section/fan2/setpoint_pct", Value.of(55.5));
    driver.write("section/fan1/run", Value.of(0L));
    assertThat(sim.image().read(ModbusPoint.Table.HOLDING, 1, 1)).containsExactly(555);
    assertThat(sim.image().read(ModbusPoint.Table.COIL, 0, 1)).containsExactly(0);
    assertThat(writes)
        .filteredOn(w -> w.address() != 100)
        .extracting(Write::table, Write::address)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(ModbusPoint.Table.HOLDING, 1),
            org.assertj.core.groups.Tuple.tuple(ModbusPoint.Table.COIL, 0));
    assertThat(writes).allSatisfy(w -> assertThat(w.remote()).startsWith(CLIENT + ":"));
    r = read();
    assertThat(r.get("section/fan2/setpoint_pct").value()).isEqualTo(Value.of(55.5));
    assertThat(r.get("section/fan1/run").value()).isEqualTo(Value.of(false));
  }

  @Test
  void theLifeSignMovesOnlyUnderAValidLease() throws Exception {
    sim = startSim();
    sim.image().write(ModbusPoint.Table.HOLDING, 100, new int[] {65534});
    WriteLease lease = WriteLease.renewable();
    driver = new ModbusDriver("section", example(), PLC_HOST, CLIENT, lease, false);
    poll();
    assertThat(writes).as("no lease, no write").isEmpty();
    driver.write("section/fan1/setpoint_pct", Value.of(80.0));
    assertThat(writes).as("no lease, no setpoint either").isEmpty();

    lease.renew(System.nanoTime() + Duration.ofSeconds(30).toNanos());
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () -> {
              poll();
              return writes.size() >= 3;
            });
    assertThat(writes.subList(0, 3))
        .extracting(w -> w.values()[0])
        .as("continues from the PLC's value and wraps at 16 bits")
        .containsExactly(65535, 0, 1);

    lease.revoke();
    int before = writes.size();
    for (int i = 0; i < 5; i++) {
      poll();
    }
    assertThat(writes).hasSize(before);
  }

  @Test
  void aLifeSignMovedByAnotherWriterIsAConflictAndAYieldingDriverStopsWriting() throws Exception {
    sim = startSim();
    WriteLease lease = WriteLease.renewable();
    lease.renew(System.nanoTime() + Duration.ofSeconds(30).toNanos());
    driver = new ModbusDriver("section", example(), PLC_HOST, CLIENT, lease, true);
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () -> {
              poll();
              return writes.size() >= 2;
            });
    assertThat(lease.takeConflict()).isFalse();

    sim.image().write(ModbusPoint.Table.HOLDING, 100, new int[] {4242});
    await("the read-back finds a value this driver did not write")
        .atMost(Duration.ofSeconds(5))
        .until(
            () -> {
              poll();
              return lease.takeConflict();
            });
    int after = writes.size();
    for (int i = 0; i < 5; i++) {
      read();
    }
    assertThat(sim.image().read(ModbusPoint.Table.HOLDING, 100, 1))
        .as("the yielding driver left the other writer's value")
        .containsExactly(4242);
    assertThat(writes).hasSize(after);
  }

  @Test
  void aLostPlcMakesEveryPointBadAndTheDriverReconnectsWhenItReturns() throws Exception {
    sim = startSim();
    driver = new ModbusDriver("section", example(), PLC_HOST, CLIENT, WriteLease.always(), false);
    assertThat(read().values()).allSatisfy(r -> assertThat(r.quality()).isEqualTo(Quality.GOOD));
    sim.close();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> {
              Map<String, PlcReading> r = poll();
              return r.size() == 12
                  && r.values().stream().allMatch(x -> x.quality() == Quality.BAD);
            });
    sim = startSim();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> {
              Map<String, PlcReading> r = poll();
              return r.size() == 12
                  && r.values().stream().allMatch(x -> x.quality() == Quality.GOOD);
            });
  }

  @Test
  void theWatcherTellsMovingFromStoppedFromUnknown() throws Exception {
    sim = startSim();
    driver = new ModbusDriver("section", example(), PLC_HOST, CLIENT, WriteLease.always(), false);
    watcher =
        new LifeSignWatcher("test", example(), PLC_HOST, "127.0.100.52", Duration.ofMillis(400));
    await("moving while the driver increments it")
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(20))
        .until(
            () -> {
              poll();
              return watcher.verdict(System.nanoTime()) == LifeSignWatcher.Verdict.MOVING;
            });
    await("stopped once the driver no longer runs")
        .atMost(Duration.ofSeconds(10))
        .until(() -> watcher.verdict(System.nanoTime()) == LifeSignWatcher.Verdict.STOPPED);
    sim.close();
    sim = null;
    await("unknown when the PLC cannot be read: never taken as a dead active")
        .atMost(Duration.ofSeconds(10))
        .until(() -> watcher.verdict(System.nanoTime()) == LifeSignWatcher.Verdict.UNREADABLE);
  }
}
