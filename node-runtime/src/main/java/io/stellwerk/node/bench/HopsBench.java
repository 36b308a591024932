package io.stellwerk.node.bench;

import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
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
 *
 * <p>With {@code tcp} the same chain runs once more over plain TCP connections, one thread per
 * process and no messaging library: what the operating system and this machine allow, so that the
 * cost of the library's threads shows apart from the machine's. Each line also gives the CPU time
 * the relay processes spent per message in the measured seconds.
 */
public final class HopsBench {

  private static final String HOST = "127.0.86.";
  private static final int PORT = 7100;
  private static final long WARMUP_NANOS = TimeUnit.SECONDS.toNanos(3);
  private static final byte MEASURED = 1;
  private static final byte END = 2;
  private static final int CONNECT_SECONDS = 60;

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
   * @param tcp whether to run the chain over plain TCP too, after the jeromq runs
   */
  public void run(int hops, int rate, int size, int seconds, String security, boolean tcp)
      throws Exception {
    if (hops < 1 || rate < 1 || size < 9 || seconds < 1) {
      throw new IllegalArgumentException(
          "--hops, --rate and --duration must be at least 1, --size at least 9 bytes");
    }
    for (boolean curve : SecurityModes.runs(security)) {
      run(hops, rate, size, seconds, curve);
    }
    if (tcp) {
      runTcp(hops, rate, size, seconds);
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
        ProcessBuilder pb = nodeProcess(i, hops, "jeromq");
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
      byte[] msg = new byte[size];
      measure(
          "jeromq",
          curve ? "curve" : "off",
          hops,
          rate,
          processes,
          m -> pub.send(m, ZMQ.DONTWAIT),
          msg,
          seconds);
    } finally {
      stop(processes);
    }
  }

  /** The same chain over plain TCP connections: one thread per process, no messaging library. */
  private void runTcp(int hops, int rate, int size, int seconds) throws Exception {
    List<Process> processes = new ArrayList<>();
    try (ServerSocket server = listen(0)) {
      for (int i = 1; i <= hops; i++) {
        processes.add(nodeProcess(i, hops, "tcp").start());
      }
      server.setSoTimeout((int) TimeUnit.SECONDS.toMillis(CONNECT_SECONDS));
      try (Socket down = server.accept()) {
        down.setTcpNoDelay(true);
        OutputStream o = down.getOutputStream();
        measure("tcp", "off", hops, rate, processes, m -> write(o, m), new byte[size], seconds);
      }
    } finally {
      stop(processes);
    }
  }

  /**
   * Warms the chain up, measures, ends it and prints the line: sends until the sink has heard the
   * chain, then {@link #WARMUP_NANOS} more for the JIT; only what is sent after that is measured,
   * and the relays' CPU time is read around those seconds.
   */
  private void measure(
      String transport,
      String security,
      int hops,
      int rate,
      List<Process> processes,
      Consumer<byte[]> send,
      byte[] msg,
      int seconds)
      throws Exception {
    BlockingQueue<String> fromSink = lines(processes.get(processes.size() - 1));
    Thread warm =
        new Thread(() -> send(send, msg.clone(), rate, Long.MAX_VALUE, (byte) 0), "hops-warmup");
    warm.setDaemon(true);
    warm.start();
    String ready = fromSink.poll(CONNECT_SECONDS, TimeUnit.SECONDS);
    warm.interrupt();
    warm.join();
    if (!"ready".equals(ready)) {
      throw new IllegalStateException("the chain did not come up: the sink said " + ready);
    }
    send(send, msg, rate, System.nanoTime() + WARMUP_NANOS, (byte) 0);
    List<Process> relays = processes.subList(0, processes.size() - 1);
    long cpuBefore = cpuNanos(relays);
    long sent = send(send, msg, rate, System.nanoTime() + seconds * 1_000_000_000L, MEASURED);
    long relayCpu = cpuNanos(relays) - cpuBefore;
    msg[8] = END;
    send.accept(msg);
    String result = fromSink.poll(60, TimeUnit.SECONDS);
    if (result == null || !result.startsWith("{")) {
      throw new IllegalStateException("the sink gave no result: " + result);
    }
    String cpu =
        relays.isEmpty()
            ? ""
            : String.format(
                ",\"relay_cpu_us_per_msg\":%.1f", relayCpu / 1e3 / relays.size() / sent);
    out.printf(
        "{\"bench\":\"hops\",\"transport\":\"%s\",\"security\":\"%s\",\"hops\":%d,"
            + "\"rate\":%d,\"size\":%d,\"sent\":%d%s,%s%n",
        transport, security, hops, rate, msg.length, sent, cpu, result.substring(1));
    out.flush();
  }

  /** The command line of chain process {@code index} (of {@code hops}): a relay or the sink. */
  private static ProcessBuilder nodeProcess(int index, int hops, String transport) {
    return new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx256m",
            "-XX:+UseSerialGC", // as the launcher starts stations
            "-cp",
            System.getProperty("java.class.path"),
            NODE_MAIN,
            index == hops ? "sink" : "relay",
            Integer.toString(index),
            transport)
        .redirectError(ProcessBuilder.Redirect.INHERIT);
  }

  /** The CPU time the processes have used so far (user and system, all threads). */
  private static long cpuNanos(List<Process> processes) {
    long sum = 0;
    for (Process p : processes) {
      sum += p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }
    return sum;
  }

  private static void stop(List<Process> processes) throws InterruptedException {
    for (Process p : processes) {
      p.destroy();
    }
    for (Process p : processes) {
      if (!p.waitFor(5, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
  }

  /**
   * Sends stamped messages at {@code rate} per second until {@code end} (or an interrupt), waking
   * every millisecond as a station's loop does under load; returns how many it sent.
   */
  private static long send(Consumer<byte[]> send, byte[] msg, int rate, long end, byte kind) {
    long start = System.nanoTime();
    long sent = 0;
    msg[8] = kind;
    for (long now = start; now < end && !Thread.currentThread().isInterrupted(); ) {
      long due = (long) ((now - start) / 1e9 * rate) - sent;
      for (long i = 0; i < due; i++) {
        ByteBuffer.wrap(msg).putLong(0, System.nanoTime());
        send.accept(msg);
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
   *
   * @param transport {@code jeromq} or {@code tcp}
   */
  public static void node(String role, int index, String transport, PrintWriter console) {
    Sink sink = role.equals("sink") ? new Sink(console) : null;
    if (transport.equals("tcp")) {
      try {
        tcpNode(index, sink);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return;
    }
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
      Consumer<byte[]> forward = null;
      if (sink == null) {
        ZMQ.Socket out = z.createSocket(SocketType.PUB);
        out.setLinger(0);
        String secret = System.getenv("HOPS_SERVER_SECRET");
        if (secret != null) {
          out.setCurveServer(true);
          out.setCurveSecretKey(ZMQ.Curve.z85Decode(secret));
        }
        out.bind(endpoint(index));
        forward = m -> out.send(m, ZMQ.DONTWAIT);
      }
      ZMQ.Poller poller = z.createPoller(1);
      poller.register(in, ZMQ.Poller.POLLIN);
      while (true) {
        poller.poll(25);
        byte[] m;
        while ((m = in.recv(ZMQ.DONTWAIT)) != null) {
          if (!pass(m, forward, sink)) {
            return;
          }
        }
      }
    }
  }

  /** A relay or the sink over TCP: blocking reads of length-prefixed messages, one thread. */
  private static void tcpNode(int index, Sink sink) throws IOException {
    try (ServerSocket server = sink == null ? listen(index) : null;
        Socket up = connect(index - 1)) {
      up.setTcpNoDelay(true);
      DataInputStream in = new DataInputStream(up.getInputStream());
      Socket down = null;
      if (server != null) {
        server.setSoTimeout((int) TimeUnit.SECONDS.toMillis(CONNECT_SECONDS));
        down = server.accept();
        down.setTcpNoDelay(true);
      }
      try (Socket closing = down) {
        OutputStream o = closing == null ? null : closing.getOutputStream();
        Consumer<byte[]> forward = o == null ? null : m -> write(o, m);
        while (true) {
          byte[] m = new byte[in.readInt()];
          in.readFully(m);
          if (!pass(m, forward, sink)) {
            return;
          }
        }
      }
    }
  }

  /**
   * What a relay or the sink does with a message: passes it on (a relay), records it (the sink).
   *
   * @return {@code false} at the end of the run
   */
  private static boolean pass(byte[] m, Consumer<byte[]> forward, Sink sink) {
    if (forward != null) {
      forward.accept(m);
    }
    if (m.length >= 9 && m[8] == END) {
      if (sink != null) {
        sink.end();
      }
      return false;
    }
    if (sink != null) {
      sink.heard(m);
    }
    return true;
  }

  /** What the sink keeps: whether it heard the chain yet, and the measured messages' latency. */
  private static final class Sink {
    private final PrintWriter console;
    private final Histogram latency = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
    private boolean heard;

    Sink(PrintWriter console) {
      this.console = console;
    }

    void heard(byte[] m) {
      if (!heard) {
        heard = true;
        console.println("ready");
        console.flush();
      }
      if (m[8] == MEASURED) {
        long took = System.nanoTime() - ByteBuffer.wrap(m).getLong(0);
        latency.recordValue(Math.max(0, Math.min(took, latency.getHighestTrackableValue())));
      }
    }

    void end() {
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
  }

  /** A message with its length in front, in one write (the socket has TCP_NODELAY). */
  private static void write(OutputStream o, byte[] m) {
    byte[] frame = new byte[4 + m.length];
    ByteBuffer.wrap(frame).putInt(m.length).put(m);
    try {
      o.write(frame);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static InetSocketAddress address(int index) throws IOException {
    return new InetSocketAddress(InetAddress.getByName(HOST + (index + 1)), PORT);
  }

  private static ServerSocket listen(int index) throws IOException {
    ServerSocket s = new ServerSocket();
    s.bind(address(index));
    return s;
  }

  /** Connects to chain process {@code index}, which may not listen yet (they start together). */
  private static Socket connect(int index) throws IOException {
    InetSocketAddress to = address(index);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CONNECT_SECONDS);
    while (true) {
      Socket s = new Socket();
      try {
        s.connect(to, 1000);
        return s;
      } catch (ConnectException e) {
        s.close();
        if (System.nanoTime() > deadline) {
          throw e;
        }
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20)); // retry pace, not a wait for
      }
    }
  }
}
