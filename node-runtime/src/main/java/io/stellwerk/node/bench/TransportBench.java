package io.stellwerk.node.bench;

import java.io.PrintWriter;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * What CURVE costs jeromq on its own, without the federation: one PUSH to one PULL over loopback,
 * plain and CURVE, the same messages; prints one JSON line per mode and their ratio. jeromq's CURVE
 * is pure Java (jnacl), so this is the ceiling for a secured link on this machine.
 */
public final class TransportBench {

  private final PrintWriter out;

  public TransportBench(PrintWriter out) {
    this.out = out;
  }

  /** Runs plain then CURVE, {@code messages} of {@code size} bytes each, on 127.0.85.1. */
  public void run(int messages, int size) throws InterruptedException {
    run(false, messages / 10, size, 7998, false); // warm-up: the JIT compiles both paths first
    run(true, messages / 10, size, 7998, false);
    double plain = run(false, messages, size, 7999, true);
    double curve = run(true, messages, size, 7999, true);
    out.printf(
        "{\"bench\":\"transport-ratio\",\"size\":%d,\"curve_over_plain\":%.3f}%n",
        size, curve / plain);
    out.flush();
  }

  private double run(boolean curve, int messages, int size, int port, boolean print)
      throws InterruptedException {
    try (ZContext z = new ZContext()) {
      ZMQ.Socket push = z.createSocket(SocketType.PUSH);
      ZMQ.Socket pull = z.createSocket(SocketType.PULL);
      push.setLinger(0);
      pull.setLinger(0);
      if (curve) {
        ZMQ.Curve.KeyPair server = ZMQ.Curve.generateKeyPair();
        ZMQ.Curve.KeyPair client = ZMQ.Curve.generateKeyPair();
        push.setCurveServer(true);
        push.setCurveSecretKey(ZMQ.Curve.z85Decode(server.secretKey));
        pull.setCurveServerKey(ZMQ.Curve.z85Decode(server.publicKey));
        pull.setCurvePublicKey(ZMQ.Curve.z85Decode(client.publicKey));
        pull.setCurveSecretKey(ZMQ.Curve.z85Decode(client.secretKey));
      }
      String endpoint = "tcp://127.0.85.1:" + port;
      push.bind(endpoint);
      pull.connect(endpoint);
      byte[] msg = new byte[size];
      Thread sender =
          new Thread(
              () -> {
                for (int i = 0; i < messages; i++) {
                  push.send(msg);
                }
              },
              "transport-bench-push");
      long t0 = System.nanoTime();
      sender.start();
      for (int i = 0; i < messages; i++) {
        pull.recv();
      }
      long ns = System.nanoTime() - t0;
      sender.join();
      double perS = messages / (ns / 1e9);
      if (print) {
        out.printf(
            "{\"bench\":\"transport\",\"security\":\"%s\",\"messages\":%d,\"size\":%d,"
                + "\"messages_per_s\":%.0f,\"mb_per_s\":%.1f}%n",
            curve ? "curve" : "off", messages, size, perS, perS * size / 1e6);
        out.flush();
      }
      return perS;
    }
  }
}
