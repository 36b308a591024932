package io.stellwerk.node.federation;

import static org.assertj.core.api.Assertions.assertThat;

import io.stellwerk.node.dim.Entry;
import io.stellwerk.node.dim.Quality;
import io.stellwerk.node.dim.Value;
import io.stellwerk.node.dim.Version;
import io.stellwerk.node.security.Bundles;
import io.stellwerk.node.security.KeyFiles;
import io.stellwerk.node.security.NodeSecurity;
import io.stellwerk.node.security.Workstation;
import io.stellwerk.node.topology.HostMapping;
import io.stellwerk.node.topology.StationId;
import io.stellwerk.node.topology.Topology;
import io.stellwerk.node.topology.TopologyLoader;
import io.stellwerk.node.wire.Codec;
import io.stellwerk.node.wire.SignedBatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cache of checked signatures in a secured station's context (real keys and bundles, no
 * sockets): a signature seen before never vouches for a different body, and the cache holds on to a
 * bounded number of bytes whatever the batch size.
 */
class SignatureCacheTest {

  private static final String TOPOLOGY =
      """
      federation: cache
      root:
        id: root
        host: 127.0.0.1
        port: 7100
        children:
          - id: root.a
            host: 127.0.0.1
            port: 7200
      """;

  @TempDir Path tmp;
  private StationContext root;
  private NodeSecurity leaf;

  @BeforeEach
  void keys() throws Exception {
    Path file = tmp.resolve("topology.yaml");
    Files.writeString(file, TOPOLOGY);
    Topology topology = TopologyLoader.parse("topology.yaml", TOPOLOGY).valid().orElseThrow();
    Bundles.generate(topology, file, tmp.resolve("keys"), Workstation.DEFAULT_NAME, false);
    root = new StationContext(config(topology, "root"), 0);
    leaf = NodeSecurity.load(bundle("root.a"), StationId.single("root.a"));
  }

  private NodeConfig config(Topology topology, String station) {
    StationId id = StationId.single(station);
    return NodeConfig.of(topology, id, HostMapping.identity(), null)
        .withSecurity(NodeSecurity.load(bundle(station), id));
  }

  private Path bundle(String station) {
    return tmp.resolve("keys")
        .resolve("bundles")
        .resolve(KeyFiles.fileBase(StationId.parse(station).orElseThrow()));
  }

  private static List<Entry> entries(long seq, int count, String value) {
    List<Entry> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(
          new Entry(
              "root.a/k" + i,
              Value.of(value),
              Quality.GOOD,
              1L,
              new Version(1, seq * count + i + 1),
              false));
    }
    return out;
  }

  private SignedBatch signed(List<Entry> entries) {
    byte[] body = Codec.entries(entries);
    return new SignedBatch("root.a", body, leaf.signer().sign(body), entries);
  }

  private int apply(SignedBatch b) {
    return root.applyBatch(b, Source.CHILD, e -> true, "child root.a");
  }

  @Test
  void aKnownSignatureOnAnotherBodyIsCheckedAndDropped() {
    SignedBatch real = signed(entries(0, 3, "real"));
    assertThat(apply(real)).isEqualTo(3);

    // A relay keeps the real signature and puts newer values of its own under it.
    List<Entry> forgedEntries = entries(1, 3, "forged");
    SignedBatch forged =
        new SignedBatch("root.a", Codec.entries(forgedEntries), real.signature(), forgedEntries);

    assertThat(apply(forged)).isZero();
    assertThat(root.counters.droppedForged).isEqualTo(1);
    assertThat(root.dim.get("root.a/k0").value()).isEqualTo(Value.of("real"));
  }

  @Test
  void theCacheHoldsABoundedNumberOfBytesWhateverTheBatchSize() {
    for (int seq = 0; seq < 60; seq++) {
      assertThat(apply(signed(entries(seq, 2_000, "v" + seq)))).isEqualTo(2_000);
    }
    assertThat(root.verifiedBytes())
        .isPositive()
        .isLessThanOrEqualTo(StationContext.VERIFIED_MAX_BYTES);
  }
}
