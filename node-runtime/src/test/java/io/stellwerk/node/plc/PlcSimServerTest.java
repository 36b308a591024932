package io.stellwerk.node.plc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.net.Socket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The simulated PLC server over loopback TCP, as a test or a person restarts it. */
@Timeout(60)
class PlcSimServerTest {

  static final String HOST = "127.0.100.54";
  static final int PORT = 1502;

  /**
   * A PLC that goes away and comes back is a simulator closed and started again at once, on the
   * same address, while a client is connected. Before {@code close} waited for the kernel to let
   * the listening socket go, about one restart in ten failed with "Address already in use".
   */
  @Test
  void aClosedSimulatorCanBeStartedAgainAtOnceOnItsAddress() throws Exception {
    for (int i = 0; i < 100; i++) {
      PlcSimServer sim = PlcSimServer.start(HOST, PORT, new TunnelImage(), (r, t, a, v) -> {});
      try (Socket client = new Socket(HOST, PORT)) {
        // Read holding register 0 of unit 1 (transaction i), so the connection is accepted and
        // served before the simulator goes.
        client.getOutputStream().write(new byte[] {0, (byte) i, 0, 0, 0, 6, 1, 3, 0, 0, 0, 1});
        byte[] reply = new byte[11];
        new DataInputStream(client.getInputStream()).readFully(reply);
        assertThat(reply[1]).as("transaction id of restart %d", i).isEqualTo((byte) i);
        assertThat(reply[7]).as("function code").isEqualTo((byte) 3);
        sim.close();
      }
    }
  }
}
