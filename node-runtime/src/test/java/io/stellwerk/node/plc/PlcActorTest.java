package io.stellwerk.node.plc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stellwerk.node.dim.Quality;
import io.stellwerk.node.dim.Value;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.zeromq.ZContext;

/** A PLC driver that crashes is logged and restarted; readings keep flowing through the pipe. */
@Timeout(30)
class PlcActorTest {

  /** A driver whose first two instances throw on their first poll (a crashing actor). */
  static final class Flaky implements PlcDriver {
    static final AtomicInteger created = new AtomicInteger();
    private final int instance = created.incrementAndGet();

    @Override
    public Duration pollInterval() {
      return Duration.ofMillis(10);
    }

    @Override
    public List<PlcReading> poll(long nowMillis) {
      if (instance <= 2) {
        throw new IllegalStateException("driver " + instance + " lost its PLC");
      }
      return List.of(new PlcReading("n/x", Value.of((long) instance), Quality.GOOD, nowMillis));
    }

    @Override
    public Set<String> writableKeys() {
      return Set.of();
    }

    @Override
    public void write(String key, Value value) {}
  }

  @Test
  void aCrashingDriverIsRestartedAndReadingsFollow() {
    List<PlcReading> got = new CopyOnWriteArrayList<>();
    try (ZContext z = new ZContext()) {
      PlcActor actor = new PlcActor(z, "test", Flaky::new);
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () -> {
                if (actor.pipe().recv(org.zeromq.ZMQ.DONTWAIT) != null) {
                  actor.drain(got::add);
                }
                return !got.isEmpty();
              });
      assertThat(actor.restarts()).isEqualTo(2);
      assertThat(got.get(0).value()).isEqualTo(Value.of(3L));
      actor.close();
    }
  }
}
