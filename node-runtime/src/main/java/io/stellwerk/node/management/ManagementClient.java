package io.stellwerk.node.management;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * Sends one JSON request to a station's management socket and waits for the answer. Each request
 * uses a fresh DEALER so a station that never answers leaves nothing behind.
 */
public final class ManagementClient implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ZContext zctx = new ZContext();

  /**
   * Sends a request and returns the parsed answer.
   *
   * @throws ManagementException when the station does not answer in time or answers with an error
   */
  public JsonNode request(String endpoint, String station, String json, Duration timeout) {
    ZMQ.Socket s = zctx.createSocket(SocketType.DEALER);
    try {
      s.setLinger(0);
      s.connect(endpoint);
      s.sendMore(new byte[0]);
      s.send(json.getBytes(StandardCharsets.UTF_8));
      // A blocking receive with a timeout, not a poller: jeromq's readiness signal is
      // edge-triggered and a poller can miss a reply that arrives while the send is processed.
      s.setReceiveTimeOut((int) Math.max(1, timeout.toMillis()));
      byte[] delimiter = s.recv(0);
      if (delimiter == null) {
        throw new ManagementException(
            "no answer from "
                + station
                + " at "
                + endpoint
                + " within "
                + timeout.toMillis()
                + " ms: is it running?");
      }
      byte[] body = s.recv(0);
      JsonNode answer = JSON.readTree(new String(body, StandardCharsets.UTF_8));
      if (answer.hasNonNull("error")) {
        throw new ManagementException(answer.get("error").asText());
      }
      return answer;
    } catch (IOException e) {
      throw new ManagementException(station + " sent an answer that is not JSON");
    } finally {
      zctx.destroySocket(s);
    }
  }

  @Override
  public void close() {
    zctx.close();
  }

  /** A request that failed, with a message for the user. */
  public static final class ManagementException extends RuntimeException {
    public ManagementException(String message) {
      super(message, null, false, false);
    }
  }
}
