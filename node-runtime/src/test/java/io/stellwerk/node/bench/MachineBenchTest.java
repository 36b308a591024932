package io.stellwerk.node.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The machine bench times real work, real wake-ups and real fresh memory on this box. */
class MachineBenchTest {

  @Test
  void printsTheCoreTheWakeUpsAndFirstTouchAsOneLineEach() throws Exception {
    StringWriter text = new StringWriter();
    new MachineBench(new PrintWriter(text)).run(1, 2, 16);
    String[] lines = text.toString().trim().split("\n");
    assertEquals(3, lines.length, text.toString());
    ObjectMapper json = new ObjectMapper();
    JsonNode core = json.readTree(lines[0]);
    assertEquals("cpu_steadiness", core.path("figure").asText());
    assertEquals(Runtime.getRuntime().availableProcessors(), core.path("cores").asInt());
    // One second of 2 ms pieces with a 3 ms sleep after each: up to 200; 500 would be no sleep.
    long units = core.path("units").asLong();
    assertTrue(units >= 20 && units < 500, lines[0]);
    // The piece is calibrated to 2 ms of CPU; a busy machine may stretch it, never shrink it much.
    double cpu = core.path("cpu_ms").path("p50").asDouble();
    assertTrue(cpu > 1 && cpu < 20, lines[0]);
    assertOrdered(core.path("cpu_ms"), lines[0]);
    assertOrdered(core.path("wall_ms"), lines[0]);
    assertTrue(core.path("wall_ms").path("p50").asDouble() >= cpu * 0.95, lines[0]);
    assertTrue(core.path("cpu_max_over_p50").asDouble() >= 1, lines[0]);

    JsonNode wakeup = json.readTree(lines[1]);
    assertEquals("wakeup", wakeup.path("figure").asText());
    assertOrdered(wakeup.path("sleep_1ms_late_ms"), lines[1]);
    assertOrdered(wakeup.path("handover_ms"), lines[1]);
    assertTrue(wakeup.path("handovers").asLong() >= 50, lines[1]); // one per ~1 ms for 0.5 s

    JsonNode touch = json.readTree(lines[2]);
    assertEquals("first_touch", touch.path("figure").asText());
    assertEquals(16, touch.path("mb").asInt());
    assertTrue(touch.path("ms_per_mb").asDouble() > 0, lines[2]);
  }

  @Test
  void badOptionsAreRefusedBeforeAnythingRuns() {
    MachineBench bench = new MachineBench(new PrintWriter(new StringWriter()));
    assertThrows(IllegalArgumentException.class, () -> bench.run(0, 4, 256));
    assertThrows(IllegalArgumentException.class, () -> bench.run(1, 0, 256));
    assertThrows(IllegalArgumentException.class, () -> bench.run(1, 4, 0));
    assertThrows(IllegalArgumentException.class, () -> bench.run(1, 4, 4096));
  }

  private static void assertOrdered(JsonNode ms, String line) {
    assertTrue(ms.path("p50").asDouble() >= 0, line);
    assertTrue(ms.path("p50").asDouble() <= ms.path("p99").asDouble(), line);
    assertTrue(ms.path("p99").asDouble() <= ms.path("max").asDouble(), line);
  }
}
