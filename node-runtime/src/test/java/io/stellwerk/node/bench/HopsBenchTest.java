package io.stellwerk.node.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The transport floor bench runs its real relay and sink processes and reports what it saw. */
class HopsBenchTest {

  @Test
  void everyMessageThroughTwoRealHopsIsTimedPlainCurveAndOverBareTcp() throws Exception {
    StringWriter text = new StringWriter();
    new HopsBench(new PrintWriter(text)).run(2, 200, 200, 1, "both", true);
    String[] lines = text.toString().trim().split("\n");
    assertEquals(3, lines.length, text.toString());
    String[][] modes = {{"jeromq", "off"}, {"jeromq", "curve"}, {"tcp", "off"}};
    for (int i = 0; i < 3; i++) {
      JsonNode line = new ObjectMapper().readTree(lines[i]);
      assertEquals("hops", line.path("bench").asText());
      assertEquals(modes[i][0], line.path("transport").asText(), lines[i]);
      assertEquals(modes[i][1], line.path("security").asText(), lines[i]);
      assertTrue(line.path("relay_cpu_us_per_msg").asDouble() > 0, lines[i]);
      long sent = line.path("sent").asLong();
      assertTrue(sent >= 150, lines[i]); // 200/s for one second, paced by the millisecond
      assertEquals(sent, line.path("received").asLong(), lines[i]);
      JsonNode ms = line.path("latency_ms");
      assertTrue(ms.path("p50").asDouble() > 0, lines[i]);
      assertTrue(ms.path("p50").asDouble() <= ms.path("p99").asDouble(), lines[i]);
      assertTrue(ms.path("p99").asDouble() <= ms.path("max").asDouble(), lines[i]);
    }
  }

  @Test
  void badOptionsAreRefusedBeforeAnythingStarts() {
    HopsBench bench = new HopsBench(new PrintWriter(new StringWriter()));
    assertThrows(IllegalArgumentException.class, () -> bench.run(0, 600, 1000, 1, "off", false));
    assertThrows(IllegalArgumentException.class, () -> bench.run(2, 600, 1000, 1, "tls", false));
  }
}
