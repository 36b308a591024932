package io.stellwerk.node.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stellwerk.node.dim.Value;
import io.stellwerk.node.topology.EndpointPlan;
import io.stellwerk.node.topology.HostMapping;
import io.stellwerk.node.topology.SocketRole;
import io.stellwerk.node.topology.StationId;
import io.stellwerk.node.wire.Codec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * Random frames and unknown message types on every socket a node listens on — its south ROUTER, its
 * management ROUTER, the child stream it subscribes to and the parent's stream and ROUTER it talks
 * to — are dropped and counted; the node keeps serving.
 */
@Timeout(60)
class MalformedFramesTest {

  static final String TREE =
      """
      federation: fuzz
      defaults: {heartbeat: 50ms, missed-beats: 40}
      root:
        id: root
        host: 127.0.64.1
        port: 7100
        children:
          - id: root.s1
            host: 127.0.64.2
            port: 7100
            children:
              - id: root.s1.p1
                host: 127.0.64.3
                port: 7100
      """;

  static Cluster cluster;
  static ZContext zctx;
  static ZMQ.Socket towardSouthRouter;
  static ZMQ.Socket towardManagement;
  static ZMQ.Socket asChildPub;
  static ZMQ.Socket asParentPub;
  static ZMQ.Socket asParentRouter;

  @BeforeAll
  static void start() {
    cluster = new Cluster(TREE);
    cluster.start("root.s1").write("root.s1/alive", Value.of(1L));
    EndpointPlan plan = new EndpointPlan(cluster.topology, HostMapping.identity());
    StationId s1 = StationId.single("root.s1");
    zctx = new ZContext();
    towardSouthRouter = zctx.createSocket(SocketType.DEALER);
    towardSouthRouter.setIdentity("root.s1.p1".getBytes(StandardCharsets.UTF_8));
    towardSouthRouter.connect(plan.bound(s1, SocketRole.SOUTH_ROUTER).uri());
    towardManagement = zctx.createSocket(SocketType.DEALER);
    towardManagement.connect(plan.bound(s1, SocketRole.MANAGEMENT).uri());
    asChildPub = zctx.createSocket(SocketType.PUB);
    asChildPub.bind(plan.bound(StationId.single("root.s1.p1"), SocketRole.NORTH_PUB).uri());
    asParentPub = zctx.createSocket(SocketType.PUB);
    asParentPub.bind(plan.bound(StationId.single("root"), SocketRole.SOUTH_PUB).uri());
    asParentRouter = zctx.createSocket(SocketType.ROUTER);
    asParentRouter.bind(plan.bound(StationId.single("root"), SocketRole.SOUTH_ROUTER).uri());
    for (ZMQ.Socket s :
        List.of(towardSouthRouter, towardManagement, asChildPub, asParentPub, asParentRouter)) {
      s.setLinger(0);
    }
  }

  @AfterAll
  static void stop() {
    zctx.close();
    cluster.close();
  }

  /** A random message: random frames, some starting like a valid header with any type byte. */
  static List<byte[]> randomFrames(Random r) {
    int n = 1 + r.nextInt(5);
    List<byte[]> frames = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      byte[] b = new byte[r.nextInt(49)];
      r.nextBytes(b);
      if (r.nextBoolean() && b.length >= 3) {
        b[0] = (byte) Codec.MAGIC;
        b[1] = (byte) Codec.PROTOCOL;
        b[2] = (byte) r.nextInt(12);
      }
      frames.add(b);
    }
    return frames;
  }

  @Test
  void garbageOnAnySocketIsDroppedAndNeverStopsTheNode() {
    NodeRuntime s1 = cluster.get("root.s1");
    long before = s1.counter("droppedMalformed");
    Random r = new Random(20261127L);
    for (int round = 0; round < 300; round++) {
      List<byte[]> frames = randomFrames(r);
      List<byte[]> routed = new ArrayList<>();
      routed.add("root".getBytes(StandardCharsets.UTF_8));
      routed.addAll(frames);
      RogueChild.sendRaw(towardSouthRouter, frames);
      RogueChild.sendRaw(towardManagement, frames);
      RogueChild.sendRaw(asChildPub, frames);
      RogueChild.sendRaw(asParentPub, frames);
      RogueChild.sendRaw(asParentRouter, routed);
    }

    await("the garbage is counted")
        .atMost(Duration.ofSeconds(10))
        .until(() -> s1.counter("droppedMalformed") > before + 300);
    assertThat(s1.get("root.s1/alive")).isPresent();
    assertThat(s1.statusJson()).contains("\"station\":\"root.s1\"");
  }
}
