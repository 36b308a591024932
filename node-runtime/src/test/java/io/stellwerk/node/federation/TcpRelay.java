package io.stellwerk.node.federation;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A cuttable TCP relay on loopback: forwards connections from {@code listenHost:port} to {@code
 * targetHost:port}. {@link #cut()} stops moving bytes while connections stay open, the way a dead
 * link looks to TCP (data piles up and arrives in a burst later); {@link #restore(boolean)} resumes
 * or, with {@code drop}, closes every connection so the ends must reconnect.
 */
final class TcpRelay implements AutoCloseable {

  private final List<ServerSocket> servers = new CopyOnWriteArrayList<>();
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final Object gate = new Object();
  private volatile boolean cut;
  private volatile boolean closed;

  TcpRelay(String listenHost, String targetHost, int... ports) throws IOException {
    for (int port : ports) {
      ServerSocket server = new ServerSocket();
      server.setReuseAddress(true);
      server.bind(new InetSocketAddress(InetAddress.getByName(listenHost), port));
      servers.add(server);
      Thread t = new Thread(() -> accept(server, targetHost, port), "relay-accept-" + port);
      t.setDaemon(true);
      t.start();
    }
  }

  private void accept(ServerSocket server, String targetHost, int port) {
    while (!closed) {
      try {
        Socket in = server.accept();
        if (cut) {
          in.close();
          continue;
        }
        Socket out = new Socket(targetHost, port);
        sockets.add(in);
        sockets.add(out);
        pump(in, out);
        pump(out, in);
      } catch (IOException e) {
        // the server was closed, or the target refused: the client will reconnect
      }
    }
  }

  private void pump(Socket from, Socket to) {
    Thread t =
        new Thread(
            () -> {
              byte[] buf = new byte[64 * 1024];
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buf)) >= 0) {
                  waitWhileCut();
                  out.write(buf, 0, n);
                  out.flush();
                }
              } catch (IOException | InterruptedException e) {
                // connection ended
              } finally {
                closeQuietly(from);
                closeQuietly(to);
              }
            },
            "relay-pump");
    t.setDaemon(true);
    t.start();
  }

  private void waitWhileCut() throws InterruptedException {
    synchronized (gate) {
      while (cut && !closed) {
        gate.wait();
      }
    }
  }

  /** Stops forwarding; open connections stay open and silent. */
  void cut() {
    cut = true;
  }

  /** Resumes forwarding; with {@code drop}, every held connection is closed first. */
  void restore(boolean drop) {
    if (drop) {
      sockets.forEach(TcpRelay::closeQuietly);
      sockets.clear();
    }
    synchronized (gate) {
      cut = false;
      gate.notifyAll();
    }
  }

  private static void closeQuietly(java.io.Closeable c) {
    try {
      c.close();
    } catch (IOException e) {
      // already closed
    }
  }

  @Override
  public void close() {
    closed = true;
    restore(true);
    servers.forEach(TcpRelay::closeQuietly);
  }
}
