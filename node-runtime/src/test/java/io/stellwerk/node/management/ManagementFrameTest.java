package io.stellwerk.node.management;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stellwerk.node.wire.MalformedFrameException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A management request or answer is one frame: its request id, then its JSON. */
class ManagementFrameTest {

  @Test
  void aFrameReadsBackAsItsRequestIdAndItsJson() throws MalformedFrameException {
    String json = "{\"op\":\"status\",\"note\":\"two\\nlines\"}";
    ManagementFrame f = ManagementFrame.decode(ManagementFrame.encode("17", json));
    assertThat(new String(f.requestId(), StandardCharsets.UTF_8)).isEqualTo("17");
    assertThat(new String(f.json(), StandardCharsets.UTF_8)).isEqualTo(json);
  }

  @Test
  void garbageIsMalformed() {
    assertThatThrownBy(() -> ManagementFrame.decode(new byte[0]))
        .isInstanceOf(MalformedFrameException.class);
    // A length that runs past the frame.
    assertThatThrownBy(() -> ManagementFrame.decode(new byte[] {50, 1, 2}))
        .isInstanceOf(MalformedFrameException.class);
    assertThatThrownBy(() -> ManagementFrame.decode(ManagementFrame.encode("x".repeat(65), "{}")))
        .isInstanceOf(MalformedFrameException.class)
        .hasMessage("request id of 65 bytes");
  }
}
