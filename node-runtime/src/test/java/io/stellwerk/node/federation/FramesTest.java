package io.stellwerk.node.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stellwerk.node.dim.Entry;
import io.stellwerk.node.dim.Quality;
import io.stellwerk.node.dim.Value;
import io.stellwerk.node.dim.Version;
import io.stellwerk.node.wire.Codec;
import io.stellwerk.node.wire.Header;
import io.stellwerk.node.wire.MalformedFrameException;
import io.stellwerk.node.wire.MessageType;
import io.stellwerk.node.wire.SignedBatch;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * Every inter-node message travels as one ZeroMQ frame. The event loops have to read messages that
 * jeromq cannot tear: a multi-frame message whose connection is replaced half-read (a peer
 * reconnecting under its routing identity) ended a station's event loop in jeromq's fair queue
 * ({@code assert !more}), and a message of one frame is read whole or not at all. Real sockets on
 * loopback.
 */
class FramesTest {

  private static final String ENDPOINT = "tcp://127.0.74.1:7100";

  @Test
  void aMessageIsOneFrameAfterTheRoutingIdentityAndDecodesToWhatWasSent() {
    Header header = new Header(MessageType.HISTORY_CHUNK, "root.s1", 7L, 42);
    byte[] body = "the body".getBytes(StandardCharsets.UTF_8);
    try (ZContext zctx = new ZContext()) {
      ZMQ.Socket router = Sockets.router(zctx);
      router.bind(ENDPOINT);
      ZMQ.Socket dealer = Sockets.dealer(zctx, "root.s1".getBytes(StandardCharsets.UTF_8));
      dealer.connect(ENDPOINT);
      assertThat(Frames.send(dealer, null, header, body)).isTrue();

      router.setReceiveTimeOut(5_000);
      byte[] identity = router.recv(0);
      assertThat(identity).isNotNull();
      assertThat(new String(identity, StandardCharsets.UTF_8)).isEqualTo("root.s1");
      assertThat(router.hasReceiveMore()).isTrue();
      byte[] message = router.recv(0);
      assertThat(router.hasReceiveMore()).as("frames after the message's one frame").isFalse();
      assertThat(message).isEqualTo(Codec.message(header, body));
    }
  }

  @Test
  void decodingTakesExactlyOneMessageFrame() throws MalformedFrameException {
    Header header = new Header(MessageType.UPDATES, "root", 1L, 3);
    byte[] message = Codec.message(header, new byte[] {1, 2, 3});
    byte[] identity = "root".getBytes(StandardCharsets.UTF_8);

    Frames.Message m = Frames.decode(List.of(identity, message), 1);
    assertThat(m.header()).isEqualTo(header);
    assertThat(m.body()).containsExactly(1, 2, 3);

    // The large bodies are decoded in place, from where the header ends.
    List<Entry> entries =
        List.of(
            new Entry("root.s1/a", Value.of(2.5), Quality.GOOD, 1_000L, new Version(1, 7), false));
    byte[] batches = Codec.batches(List.of(SignedBatch.unsigned("root.s1", entries)));
    Frames.Message updates = Frames.decode(List.of(identity, Codec.message(header, batches)), 1);
    List<SignedBatch> decoded = Codec.batches(updates.reader());
    assertThat(decoded).hasSize(1);
    assertThat(decoded.get(0).signer()).isEqualTo("root.s1");
    assertThat(decoded.get(0).entries()).isEqualTo(entries);

    // The old three-frame layout, or anything spliced onto a message, is malformed.
    assertThatThrownBy(
            () ->
                Frames.decode(List.of(identity, Codec.header(header), new byte[0], new byte[0]), 1))
        .isInstanceOf(MalformedFrameException.class)
        .hasMessage("expected one message frame, got 3");
    assertThatThrownBy(() -> Frames.decode(List.of(identity), 1))
        .isInstanceOf(MalformedFrameException.class);
  }

  @Test
  void aPublisherSendsEachMessageAsOneFrame() throws Exception {
    try (ZContext zctx = new ZContext()) {
      ZMQ.Socket pub = Sockets.pub(zctx);
      pub.bind(ENDPOINT);
      ZMQ.Socket sub = zctx.createSocket(SocketType.SUB);
      sub.subscribe(ZMQ.SUBSCRIPTION_ALL);
      sub.connect(ENDPOINT);
      Publisher publisher = new Publisher(pub, "root.s1", 5L);
      sub.setReceiveTimeOut(100);
      byte[] got = null;
      // A SUB hears nothing until its subscription has reached the PUB: send until one arrives.
      for (int i = 0; i < 100 && got == null; i++) {
        publisher.sendUnnumbered(MessageType.HISTORY_HEAD, new byte[] {9});
        got = sub.recv(0);
      }
      assertThat(got).as("a message on the SUB").isNotNull();
      assertThat(sub.hasReceiveMore()).isFalse();
      Frames.Message m = Frames.decode(List.of(got), 0);
      assertThat(m.header().type()).isEqualTo(MessageType.HISTORY_HEAD);
      assertThat(m.header().sender()).isEqualTo("root.s1");
      assertThat(m.body()).containsExactly(9);
    }
  }
}
