package io.stellwerk.security.core;

import io.stellwerk.node.management.ManagementFrame;
import io.stellwerk.node.security.CurveCert;
import io.stellwerk.node.security.CurveSecurity;
import io.stellwerk.node.wire.MalformedFrameException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * A second engineering laptop talking to a station's management socket with its own CURVE key, one
 * fresh connection per question and never a blocking send, so a denied key shows as "no answer"
 * instead of a hang (ManagementClient blocks in send once ZAP has refused its connection).
 */
final class Laptop implements AutoCloseable {

  final CurveCert key = CurveCert.generate(java.util.Map.of("name", "laptop"), false);
  private final ZContext zctx = new ZContext();
  private final byte[] serverKey;
  private final String endpoint;

  Laptop(String endpoint, byte[] serverKey) {
    this.endpoint = endpoint;
    this.serverKey = serverKey;
  }

  /** The answer to one request, or empty when none came within {@code wait}. */
  Optional<String> ask(String json, Duration wait) {
    ZMQ.Socket s = zctx.createSocket(SocketType.DEALER);
    try {
      s.setLinger(0);
      CurveSecurity.client(s, key, serverKey);
      s.connect(endpoint);
      s.send(ManagementFrame.encode("1", json), ZMQ.DONTWAIT);
      s.setReceiveTimeOut((int) wait.toMillis());
      byte[] answer = s.recv(0);
      if (answer == null) {
        return Optional.empty();
      }
      return Optional.of(new String(ManagementFrame.decode(answer).json(), StandardCharsets.UTF_8));
    } catch (MalformedFrameException e) {
      throw new IllegalStateException("the station's answer is not a management frame", e);
    } finally {
      zctx.destroySocket(s);
    }
  }

  @Override
  public void close() {
    zctx.close();
  }
}
