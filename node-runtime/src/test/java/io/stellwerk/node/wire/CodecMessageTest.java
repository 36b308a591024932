package io.stellwerk.node.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A message is its header followed by its body's bytes, in one frame. */
class CodecMessageTest {

  private final Header header =
      new Header(MessageType.SYNC_REPLY, "root.s1[backup]", -3L, 1L << 40);

  @Test
  void aMessageReadsBackAsItsHeaderAndItsBody() throws MalformedFrameException {
    byte[] body = {0, 1, 2, (byte) 0xFF};
    WireReader r = new WireReader(Codec.message(header, body));
    assertThat(Codec.header(r)).isEqualTo(header);
    assertThat(r.rest()).containsExactly(body);
    r.end();
  }

  @Test
  void anEmptyBodyIsAHeaderAlone() throws MalformedFrameException {
    byte[] message = Codec.message(header, new byte[0]);
    assertThat(message).isEqualTo(Codec.header(header));
    assertThat(Codec.header(message)).isEqualTo(header);
  }

  @Test
  void aHeaderFrameWithMoreAfterItIsMalformed() {
    assertThatThrownBy(() -> Codec.header(Codec.message(header, new byte[] {1})))
        .isInstanceOf(MalformedFrameException.class)
        .hasMessage("1 trailing bytes");
  }

  @Test
  void theFirstProtocolVersionIsRefused() {
    byte[] message = Codec.message(header, new byte[] {1});
    message[1] = 1;
    assertThatThrownBy(() -> Codec.header(new WireReader(message)))
        .isInstanceOf(MalformedFrameException.class)
        .hasMessage("protocol version 1 is not 2");
  }

  @Test
  void aTruncatedHeaderIsMalformed() {
    byte[] message = Codec.message(header, new byte[0]);
    byte[] cut = java.util.Arrays.copyOf(message, message.length - 3);
    assertThatThrownBy(() -> Codec.header(new WireReader(cut)))
        .isInstanceOf(MalformedFrameException.class);
  }
}
