package io.stellwerk.node.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * The floor under the replication bench's latency: a bare jeromq chain with none of the
 * federation's code. A sender, {@code hops - 1} relay processes and a sink process, linked PUB to
 * SUB on loopback like stations, each relay and the sink polling and draining its socket as a
 * station's loop does. The sender stamps each message with the monotonic clock (shared by the
 * processes of one machine); the sink records how long each took to arrive. Whatever this chain
 * needs, a federation of the same depth on the same machine cannot beat.
 */
public final class HopsBench {

  private static final String HOST = "127.0.86.";
  private static final int PORT = 7100;
  private static final long WARMUP_NANOS = TimeUnit.SECONDS.toNanos(3);
  private static final byte MEASURED = 1;
  private static final byte END = 2;

  /** The class whose main runs {@link #node} (in the CLI package: only it owns the console). */
  private static final String NODE_MAIN = "io.stellwerk.node.cli.HopsNodeMain";

  private final PrintWriter out;

  public HopsBench(PrintWriter out) {
    this.out = out;
  }

  /**
   * Runs the chain plain, with CURVE on every link, or both one after the other.
   *
   * @param security {@code off}, {@code curve} or {@code both}
   */
  public void run(int hops, int rate, int size, int seconds, String security) throws Exception {
    if (hops < 1 || rate < 1 || size < 9 || seconds < 1) {
      throw new IllegalArgumentException(
          "--hops, --rate and --duration must be at least 1, --size at least 9 bytes");
    }
    switch (security) {
      case "off" -> run(hops, rate, size, seconds, false);
      case "curve" -> run(hops, rate, size, seconds, true);
      case "both" -> {
        run(hops, rate, size, seconds, false);
        run(hops, rate, size, seconds, true);
      }
      default ->
          throw new IllegalArgumentException(
              "--security is off, curve or both, not '" + security + "'");
    }
  }

  private void run(int hops, int rate, int size, int seconds, boolean curve) throws Exception {
    // One server key pair per PUB (the sender's and each relay's), one client pair for all SUBs.
    List<ZMQ.Curve.KeyPair> servers = new ArrayList<>();
    for (int i = 0; i < hops; i++) {
      servers.add(ZMQ.Curve.generateKeyPair());
    }
    ZMQ.Curve.KeyPair client = ZMQ.Curve.generateKeyPair();
    List<Process> processes = new ArrayList<>();
    try (ZContext z = new ZContext()) {
      ZMQ.Socket pub = z.createSocket(SocketType.PUB);
      pub.setLinger(0);
      if (curve) {
        pub.setCurveServer(true);
        pub.setCurveSecretKey(ZMQ.Curve.z85Decode(servers.get(0).secretKey));
      }
      pub.bind(endpoint(0));
      // Processes 1 .. hops-1 relay, the last one is the sink: each subscribes to the one before.
      for (int i = 1; i <= hops; i++) {
        String role = i == hops ? "sink" : "relay";
        ProcessBuilder pb =
            new ProcessBuilder(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m",
                    "-XX:+UseSerialGC", // as the launcher starts stations
                    "-cp",
                    System.getProperty("java.class.path"),
                    NODE_MAIN,
                    role,
                    Integer.toString(i))
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        if (curve) {
          Map<String, String> env = pb.environment();
          env.put("HOPS_UPSTREAM_KEY", servers.get(i - 1).publicKey);
          env.put("HOPS_CLIENT_PUBLIC", client.publicKey);
          env.put("HOPS_CLIENT_SECRET", client.secretKey);
          if (i < hops) {
            env.put("HOPS_SERVER_SECRET", servers.get(i).secretKey);
          }
        }
        processes.add(pb.start());
      }
      Process sink = processes.get(processes.size() - 1);
      BlockingQueue<String> fromSink = lines(sink);

      // Warm-up until the sink has heard the chain (subscriptions take a moment to reach each
      // PUB), then long enough for the JIT; only what is sent after that is measured.
      byte[] msg = new byte[size];
      Thread warm = new Thread(() -> send(pub, msg, rate, Long.MAX_VALUE, (byte) 0), "hops-warmup");
      warm.setDaemon(true);
      warm.start();
      String ready = fromSink.poll(60, TimeUnit.SECONDS);
      warm.interrupt();
      warm.join();
      if (!"ready".equals(ready)) {
        throw new IllegalStateException("the chain did not come up: the sink said " + ready);
      }
      send(pub, msg, rate, System.nanoTime() + WARMUP_NANOS, (byte) 0);
      long sent = send(pub, msg, rate, System.nanoTime() + seconds * 1_000_000_000L, MEASURED);
      msg[8] = END;
      pub.send(msg);
      String result = fromSink.poll(60, TimeUnit.SECONDS);
      if (result == null || !result.startsWith("{")) {
        throw new IllegalStateException("the sink gave no result: " + result);
      }
      out.printf(
          "{\"bench\":\"hops\",\"security\":\"%s\",\"hops\":%d,\"rate\":%d,\"size\":%d,"
              + "\"sent\":%d,%s%n",
          curve ? "curve" : "off", hops, rate, size, sent, result.substring(1));
      out.flush();
    } finally {
      for (Process p : processes) {
        p.destroy();
      }
      for (Process p : processes) {
        if (!p.waitFor(5, TimeUnit.SECONDS)) {
          p.destroyForcibly();
        }
      }
    }
  }

  /**
   * Sends stamped messages at {@code rate} per second until {@code end} (or an interrupt), waking
   * every millisecond as a station's loop does under load; returns how many it sent.
   */
  private static long send(ZMQ.Socket pub, byte[] msg, int rate, long end, byte kind) {
    long start = System.nanoTime();
    long sent = 0;
    msg[8] = kind;
    for (long now = start; now < end && !Thread.currentThread().isInterrupted(); ) {
      long due = (long) ((now - start) / 1e9 * rate) - sent;
      for (long i = 0; i < due; i++) {
        ByteBuffer.wrap(msg).putLong(0, System.nanoTime());
        pub.send(msg, ZMQ.DONTWAIT);
        sent++;
      }
      LockSupport.parkNanos(1_000_000L);
      now = System.nanoTime();
    }
    return sent;
  }

  /** The lines a process prints, as they come. */
  private static BlockingQueue<String> lines(Process p) {
    BlockingQueue<String> q = new LinkedBlockingQueue<>();
    Thread t =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                  q.add(line);
                }
              } catch (IOException e) {
                q.add("(" + e.getMessage() + ")");
              }
              q.add("(exited)");
            },
            "hops-sink-output");
    t.setDaemon(true);
    t.start();
    return q;
  }

  private static String endpoint(int index) {
    return "tcp://" + HOST + (index + 1) + ":" + PORT;
  }

  /**
   * Runs one relay or the sink of a chain (in its own process, {@code HopsNodeMain}): the sink
   * prints {@code ready} once it hears the chain, then one JSON object of figures at the end.
   */
  public static void node(String role, int index, PrintWriter console) {
    boolean sink = role.equals("sink");
    String upstreamKey = System.getenv("HOPS_UPSTREAM_KEY");
    try (ZContext z = new ZContext()) {
      ZMQ.Socket in = z.createSocket(SocketType.SUB);
      in.setLinger(0);
      if (upstreamKey != null) {
        in.setCurveServerKey(ZMQ.Curve.z85Decode(upstreamKey));
        in.setCurvePublicKey(ZMQ.Curve.z85Decode(System.getenv("HOPS_CLIENT_PUBLIC")));
        in.setCurveSecretKey(ZMQ.Curve.z85Decode(System.getenv("HOPS_CLIENT_SECRET")));
      }
      in.subscribe(new byte[0]);
      in.connect(endpoint(index - 1));
      ZMQ.Socket out = null;
      if (!sink) {
        out = z.createSocket(SocketType.PUB);
        out.setLinger(0);
        String secret = System.getenv("HOPS_SERVER_SECRET");
        if (secret != null) {
          out.setCurveServer(true);
          out.setCurveSecretKey(ZMQ.Curve.z85Decode(secret));
        }
        out.bind(endpoint(index));
      }
      ZMQ.Poller poller = z.createPoller(1);
      poller.register(in, ZMQ.Poller.POLLIN);
      Histogram latency = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
      boolean heard = false;
      while (true) {
        poller.poll(25);
        byte[] m;
        while ((m = in.recv(ZMQ.DONTWAIT)) != null) {
          if (out != null) {
            out.send(m, ZMQ.DONTWAIT);
          }
          if (m.length < 9) {
            continue;
          }
          if (m[8] == END) {
            if (sink) {
              console.printf(
                  "{\"received\":%d,\"latency_ms\":{\"p50\":%.3f,\"p90\":%.3f,\"p99\":%.3f,"
                      + "\"max\":%.3f}}%n",
                  latency.getTotalCount(),
                  latency.getValueAtPercentile(50) / 1e6,
                  latency.getValueAtPercentile(90) / 1e6,
                  latency.getValueAtPercentile(99) / 1e6,
                  latency.getMaxValue() / 1e6);
              console.flush();
            }
            return;
          }
          if (sink && !heard) {
            heard = true;
            console.println("ready");
            console.flush();
          }
          if (sink && m[8] == MEASURED) {
            long took = System.nanoTime() - ByteBuffer.wrap(m).getLong(0);
            latency.recordValue(Math.max(0, Math.min(took, latency.getHighestTrackableValue())));
          }
        }
      }
    }
  }
}
