package io.stellwerk.node.management;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stellwerk.node.security.CurveSecurity;
import io.stellwerk.node.security.Workstation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * Sends JSON requests to stations' management sockets and waits for the answers. One DEALER per
 * endpoint is kept for the client's life: with a new connection for every request, about one
 * request in a hundred was never answered (jeromq, short-lived connections). Each request carries a
 * request id ({@link ManagementFrame}) so a late answer to an earlier request is recognised and
 * dropped. Read-only requests are sent once more after half the timeout.
 */
public final class ManagementClient implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ZContext zctx = new ZContext();
  private final Workstation workstation;
  private final Map<String, ZMQ.Socket> sockets = new HashMap<>();
  private final java.util.Set<String> confirmed = new java.util.HashSet<>();
  private long nextRequest = 1;

  /** A client for stations that run with {@code --insecure} (plain text). */
  public ManagementClient() {
    this(null);
  }

  /**
   * A client that talks CURVE with the workstation's key, to stations whose public keys the
   * workstation holds; {@code null} for plain text.
   */
  public ManagementClient(Workstation workstation) {
    this.workstation = workstation;
  }

  /**
   * Sends a request that changes nothing (status, get, keys, probe), resending it once if needed.
   */
  public JsonNode query(String endpoint, String station, String json, Duration timeout) {
    return request(endpoint, station, json, timeout, true);
  }

  /**
   * Sends a request once and returns the parsed answer.
   *
   * @throws ManagementException when the station does not answer in time or answers with an error
   */
  public JsonNode request(String endpoint, String station, String json, Duration timeout) {
    return request(endpoint, station, json, timeout, false);
  }

  private synchronized JsonNode request(
      String endpoint, String station, String json, Duration timeout, boolean resend) {
    ZMQ.Socket s = sockets.get(endpoint);
    if (s == null) {
      s = connect(endpoint, station);
      sockets.put(endpoint, s);
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    if (!confirmed.contains(endpoint)) {
      // About one new connection in a hundred never carried a message (jeromq): confirm the
      // connection with pings, which may be repeated safely, before a request that may not be.
      byte[] ping = "{\"op\":\"ping\"}".getBytes(StandardCharsets.UTF_8);
      int unanswered = 0;
      int recreateAfter = 4;
      while (!confirmed.contains(endpoint)) {
        if (System.nanoTime() >= deadline) {
          throw noAnswer(station, endpoint, timeout);
        }
        send(s, Long.toString(nextRequest++).getBytes(StandardCharsets.UTF_8), ping);
        // Any answer proves the connection carries messages, even a late one to an earlier ping.
        if (awaitAny(s, Math.min(deadline, System.nanoTime() + 250_000_000L))) {
          confirmed.add(endpoint);
        } else if (++unanswered % recreateAfter == 0) {
          // Silence: this connection may be one that never carries anything. A CURVE handshake
          // is pure-Java crypto and takes seconds on a loaded machine, so each new connection
          // is given twice as long as the last before it is replaced.
          recreateAfter = Math.min(recreateAfter * 2, 32);
          unanswered = 0;
          zctx.destroySocket(s);
          s = connect(endpoint, station);
          sockets.put(endpoint, s);
        }
      }
    }
    byte[] rid = Long.toString(nextRequest++).getBytes(StandardCharsets.UTF_8);
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    send(s, rid, body);
    if (resend) {
      byte[] first = awaitAnswer(s, rid, System.nanoTime() + (deadline - System.nanoTime()) / 2);
      if (first != null) {
        return parse(station, first);
      }
      send(s, rid, body);
    }
    byte[] answer = awaitAnswer(s, rid, deadline);
    if (answer == null) {
      throw noAnswer(station, endpoint, timeout);
    }
    return parse(station, answer);
  }

  /** Whether any answer arrived before the deadline (its frames are consumed). */
  private static boolean awaitAny(ZMQ.Socket s, long deadline) {
    long wait = deadline - System.nanoTime();
    if (wait <= 0) {
      return false;
    }
    s.setReceiveTimeOut((int) Math.max(1, wait / 1_000_000));
    if (s.recv(0) == null) {
      return false;
    }
    while (s.hasReceiveMore()) {
      s.recv(0);
    }
    return true;
  }

  /** The answer with this request id, or {@code null} when none came before the deadline. */
  private static byte[] awaitAnswer(ZMQ.Socket s, byte[] rid, long deadline) {
    while (true) {
      long wait = deadline - System.nanoTime();
      if (wait <= 0) {
        return null;
      }
      s.setReceiveTimeOut((int) Math.max(1, wait / 1_000_000));
      byte[] frame = s.recv(0);
      if (frame == null) {
        return null;
      }
      while (s.hasReceiveMore()) {
        s.recv(0); // not an answer this client understands
        frame = null;
      }
      ManagementFrame answer = frame == null ? null : ManagementFrame.parse(frame).orElse(null);
      if (answer != null && java.util.Arrays.equals(answer.requestId(), rid)) {
        return answer.json();
      }
    }
  }

  private static ManagementException noAnswer(String station, String endpoint, Duration timeout) {
    return new ManagementException(
        "no answer from "
            + station
            + " at "
            + endpoint
            + " within "
            + timeout.toMillis()
            + " ms: is it running?");
  }

  /**
   * Sends without blocking: a CURVE connection whose handshake has not completed (a wrong server
   * key, a key the station does not admit) has no pipe yet, and a blocking send would wait forever.
   * An unsent request is simply unanswered.
   */
  private static void send(ZMQ.Socket s, byte[] rid, byte[] body) {
    s.send(new ManagementFrame(rid, body).encode(), ZMQ.DONTWAIT);
  }

  private static JsonNode parse(String station, byte[] body) {
    try {
      JsonNode answer = JSON.readTree(new String(body, StandardCharsets.UTF_8));
      if (answer.hasNonNull("error")) {
        throw new ManagementException(answer.get("error").asText());
      }
      return answer;
    } catch (IOException e) {
      throw new ManagementException(station + " sent an answer that is not JSON");
    }
  }

  private ZMQ.Socket connect(String endpoint, String station) {
    byte[] serverKey = null;
    if (workstation != null) {
      serverKey = workstation.stationKeys().get(station);
      if (serverKey == null) {
        throw new ManagementException(
            "workstation '"
                + workstation.name()
                + "' has no public key for "
                + station
                + " (regenerate keys for this topology, or add its certificate to stations/)");
      }
    }
    ZMQ.Socket s = zctx.createSocket(SocketType.DEALER);
    s.setLinger(0);
    s.setSndHWM(100);
    if (serverKey != null) {
      CurveSecurity.client(s, workstation.cert(), serverKey);
    }
    s.connect(endpoint);
    return s;
  }

  @Override
  public synchronized void close() {
    zctx.close();
  }

  /** A request that failed, with a message for the user. */
  public static final class ManagementException extends RuntimeException {
    public ManagementException(String message) {
      super(message, null, false, false);
    }
  }
}
