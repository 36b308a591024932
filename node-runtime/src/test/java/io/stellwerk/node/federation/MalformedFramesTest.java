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
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * Random frames and unknown message types on every socket a node listens on — its south ROUTER, its
 * management ROUTER, the child stream it subscribes to and the parent's stream and ROUTER it talks
 * to — are dropped and counted; the node keeps serving.
 */
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

  @BeforeContainer
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

  @AfterContainer
  static void stop() {
    zctx.close();
    cluster.close();
  }

  @Provide
  Arbitrary<List<byte[]>> frames() {
    Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(48);
    Arbitrary<byte[]> headerLike =
        Arbitraries.bytes()
            .array(byte[].class)
            .ofMaxSize(24)
            .map(
                tail -> {
                  byte[] b = new byte[tail.length + 3];
                  b[0] = (byte) Codec.MAGIC;
                  b[1] = (byte) Codec.PROTOCOL;
                  b[2] = (byte) (tail.length % 12);
                  System.arraycopy(tail, 0, b, 3, tail.length);
                  return b;
                });
    return Arbitraries.oneOf(random, headerLike).list().ofMinSize(1).ofMaxSize(5);
  }

  @Property(tries = 150)
  void garbageOnAnySocketIsDroppedAndNeverStopsTheNode(@ForAll("frames") List<byte[]> frames) {
    List<byte[]> routed = new ArrayList<>();
    routed.add("root".getBytes(StandardCharsets.UTF_8));
    routed.addAll(frames);
    RogueChild.sendRaw(towardSouthRouter, frames);
    RogueChild.sendRaw(towardManagement, frames);
    RogueChild.sendRaw(asChildPub, frames);
    RogueChild.sendRaw(asParentPub, frames);
    RogueChild.sendRaw(asParentRouter, routed);

    NodeRuntime s1 = cluster.get("root.s1");
    assertThat(s1.get("root.s1/alive")).isPresent();
  }

  @net.jqwik.api.lifecycle.AfterProperty
  void nodeStillAnswersAndCountedTheGarbage() {
    NodeRuntime s1 = cluster.get("root.s1");
    await().atMost(Duration.ofSeconds(5)).until(() -> s1.counter("droppedMalformed") > 0);
    assertThat(s1.statusJson()).contains("\"station\":\"root.s1\"");
  }
}
