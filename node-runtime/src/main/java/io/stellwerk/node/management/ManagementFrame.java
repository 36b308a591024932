package io.stellwerk.node.management;

import io.stellwerk.node.wire.MalformedFrameException;
import io.stellwerk.node.wire.WireReader;
import io.stellwerk.node.wire.WireWriter;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * One management request or answer as a single ZeroMQ frame: the request id (echoed in the answer,
 * so a late answer to an earlier request is recognised), then the JSON text. A single frame for the
 * same reason inter-node messages are one: jeromq can lose the rest of a multi-frame message read
 * from a connection that goes away half-way, and clients come and go here all the time.
 *
 * @param requestId the client's id for the request
 * @param json the request or the answer, UTF-8 JSON
 */
public record ManagementFrame(byte[] requestId, byte[] json) {

  /** The longest request id accepted. */
  static final int MAX_REQUEST_ID = 64;

  /** The frame's bytes. */
  public byte[] encode() {
    return new WireWriter(requestId.length + json.length + 4)
        .bytes(requestId)
        .raw(json)
        .toByteArray();
  }

  /** A request or answer as a client writes it. */
  public static byte[] encode(String requestId, String json) {
    return new ManagementFrame(
            requestId.getBytes(StandardCharsets.UTF_8), json.getBytes(StandardCharsets.UTF_8))
        .encode();
  }

  /** Decodes a frame; anything else is malformed. */
  public static ManagementFrame decode(byte[] frame) throws MalformedFrameException {
    WireReader r = new WireReader(frame);
    byte[] id = r.bytes();
    if (id.length > MAX_REQUEST_ID) {
      throw new MalformedFrameException("request id of " + id.length + " bytes");
    }
    return new ManagementFrame(id, r.rest());
  }

  /** The frame decoded, or empty when it is not a management frame. */
  public static Optional<ManagementFrame> parse(byte[] frame) {
    try {
      return Optional.of(decode(frame));
    } catch (MalformedFrameException e) {
      return Optional.empty();
    }
  }
}
