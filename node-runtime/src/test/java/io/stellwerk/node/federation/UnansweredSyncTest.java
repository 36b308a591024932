package io.stellwerk.node.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stellwerk.node.topology.EndpointPlan;
import io.stellwerk.node.topology.HostMapping;
import io.stellwerk.node.topology.SocketRole;
import io.stellwerk.node.topology.StationId;
import io.stellwerk.node.wire.Codec;
import io.stellwerk.node.wire.Header;
import io.stellwerk.node.wire.MessageType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * A child whose parent is heard on its PUB but never answers the sync request (seen when the
 * parent's ZAP handler refused the child's DEALER before its key was accepted and jeromq did not
 * reconnect it, while the SUB got through) must not wait forever: it recreates its link and asks
 * again. The parent here is played by bare sockets, because a real parent always answers; the child
 * is a real station.
 */
@Timeout(60)
class UnansweredSyncTest {

  static final String TREE =
      """
      federation: unanswered
      defaults: {heartbeat: 50ms, missed-beats: 4}
      root:
        id: root
        host: 127.0.69.1
        port: 7100
        children:
          - id: root.s1
            host: 127.0.69.2
            port: 7100
      """;

  private final Cluster cluster = new Cluster(TREE);
  private final ZContext zctx = new ZContext();

  @AfterEach
  void stop() {
    cluster.close();
    zctx.close();
  }

  @Test
  void aChildHeardByItsParentButNeverAnsweredAsksAgainOnFreshSockets() throws Exception {
    EndpointPlan plan = new EndpointPlan(cluster.topology, HostMapping.identity());
    StationId root = StationId.single("root");
    ZMQ.Socket pub = zctx.createSocket(SocketType.PUB);
    ZMQ.Socket router = zctx.createSocket(SocketType.ROUTER);
    pub.setLinger(0);
    router.setLinger(0);
    pub.bind(plan.bound(root, SocketRole.SOUTH_PUB).uri());
    router.bind(plan.bound(root, SocketRole.SOUTH_ROUTER).uri());
    cluster.start("root.s1");

    // Heartbeats keep the parent audible the whole time (one per poll, a parent's pace); sync
    // requests are read and never answered.
    List<Long> syncIds = new ArrayList<>();
    await("the unanswered child asks again")
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(20))
        .until(
            () -> {
              pub.send(
                  Codec.message(new Header(MessageType.HEARTBEAT, "root", 1L, 0), new byte[0]));
              List<byte[]> frames;
              while ((frames = Frames.receive(router)) != null) {
                Frames.Message m = Frames.decode(frames, 1);
                if (m.header().type() == MessageType.SYNC_REQUEST) {
                  syncIds.add(Codec.syncRequest(m.body()).syncId());
                }
              }
              return syncIds.size() >= 2;
            });

    assertThat(syncIds).as("sync requests of the unanswered child").hasSize(2);
    assertThat(syncIds.get(1)).isGreaterThan(syncIds.get(0));
    assertThat(cluster.get("root.s1").counter("linkRecreations")).isPositive();
  }
}
