package io.stellwerk.node.topology;

import static io.stellwerk.node.topology.Topologies.exampleTopology;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stellwerk.node.topology.Endpoint.Direction;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The port plan derived for stations of the examples. */
class EndpointPlanTest {

  private static final StationId ROOT_PRIMARY = StationId.peer("root", PeerRole.PRIMARY);
  private static final StationId ROOT_BACKUP = StationId.peer("root", PeerRole.BACKUP);

  private static EndpointPlan plan(String example) {
    return new EndpointPlan(exampleTopology(example), HostMapping.identity());
  }

  private static Endpoint bind(SocketRole role, String host, int port) {
    return new Endpoint(Direction.BIND, role, null, host, port);
  }

  private static Endpoint connect(SocketRole role, StationId remote, String host, int port) {
    return new Endpoint(Direction.CONNECT, role, remote, host, port);
  }

  @Test
  void backupOfTheRootPairBindsSouthPeerLinkAndManagement() {
    assertThat(plan("tunnel.yaml").binds(ROOT_BACKUP))
        .containsExactly(
            bind(SocketRole.SOUTH_ROUTER, "127.0.1.2", 7100),
            bind(SocketRole.SOUTH_PUB, "127.0.1.2", 7101),
            bind(SocketRole.PEER_LINK, "127.0.1.2", 7103),
            bind(SocketRole.MANAGEMENT, "127.0.1.2", 7104));
  }

  @Test
  void backupOfTheRootPairConnectsToEachChildsNorthPubAndToItsPeer() {
    EndpointPlan plan = plan("tunnel.yaml");
    assertThat(plan.connects(ROOT_BACKUP))
        .containsExactly(
            connect(SocketRole.NORTH_PUB, StationId.single("root.s1"), "127.0.1.3", 7102),
            connect(SocketRole.NORTH_PUB, StationId.single("root.s2"), "127.0.1.4", 7102),
            connect(SocketRole.PEER_LINK, ROOT_PRIMARY, "127.0.1.1", 7103));
    assertThat(plan.parentRouters(ROOT_BACKUP)).isEmpty();
    assertThat(plan.parentPubs(ROOT_BACKUP)).isEmpty();
  }

  @Test
  void theTwoPeersLinkToEachOther() {
    EndpointPlan plan = plan("tunnel.yaml");
    assertThat(plan.peerLink(ROOT_PRIMARY))
        .contains(connect(SocketRole.PEER_LINK, ROOT_BACKUP, "127.0.1.2", 7103));
    assertThat(plan.peerLink(ROOT_BACKUP))
        .contains(connect(SocketRole.PEER_LINK, ROOT_PRIMARY, "127.0.1.1", 7103));
  }

  @Test
  void leafUnderAPairConnectsToBothPeersOfItsParent() {
    EndpointPlan plan = plan("ha-middle.yaml");
    StationId bay = StationId.single("centre.sub.bay1");
    StationId subPrimary = StationId.peer("centre.sub", PeerRole.PRIMARY);
    StationId subBackup = StationId.peer("centre.sub", PeerRole.BACKUP);
    assertThat(plan.connects(bay))
        .containsExactly(
            connect(SocketRole.SOUTH_ROUTER, subPrimary, "127.0.3.2", 7300),
            connect(SocketRole.SOUTH_ROUTER, subBackup, "127.0.3.3", 7300),
            connect(SocketRole.SOUTH_PUB, subPrimary, "127.0.3.2", 7301),
            connect(SocketRole.SOUTH_PUB, subBackup, "127.0.3.3", 7301));
  }

  @Test
  void leafBindsOnlyItsNorthPubAndManagement() {
    assertThat(plan("ha-middle.yaml").binds(StationId.single("centre.sub.bay1")))
        .containsExactly(
            bind(SocketRole.NORTH_PUB, "127.0.3.4", 7302),
            bind(SocketRole.MANAGEMENT, "127.0.3.4", 7304));
  }

  @Test
  void pairInTheMiddleBindsEveryRoleButOpcUa() {
    assertThat(plan("ha-middle.yaml").binds(StationId.peer("centre.sub", PeerRole.PRIMARY)))
        .extracting(Endpoint::role)
        .containsExactly(
            SocketRole.SOUTH_ROUTER,
            SocketRole.SOUTH_PUB,
            SocketRole.NORTH_PUB,
            SocketRole.PEER_LINK,
            SocketRole.MANAGEMENT);
  }

  @Test
  void parentAboveAPairSubscribesToBothPeersNorthPubs() {
    assertThat(plan("ha-middle.yaml").childPubs(StationId.single("centre")))
        .containsExactly(
            connect(
                SocketRole.NORTH_PUB,
                StationId.peer("centre.sub", PeerRole.PRIMARY),
                "127.0.3.2",
                7302),
            connect(
                SocketRole.NORTH_PUB,
                StationId.peer("centre.sub", PeerRole.BACKUP),
                "127.0.3.3",
                7302));
  }

  @Test
  void lonePairWithoutParentOrChildrenBindsOnlyPeerLinkAndManagement() {
    EndpointPlan plan = plan("single-level-ha.yaml");
    StationId primary = StationId.peer("station", PeerRole.PRIMARY);
    assertThat(plan.binds(primary))
        .extracting(Endpoint::role)
        .containsExactly(SocketRole.PEER_LINK, SocketRole.MANAGEMENT);
    assertThat(plan.connects(primary))
        .containsExactly(
            connect(
                SocketRole.PEER_LINK,
                StationId.peer("station", PeerRole.BACKUP),
                "127.0.1.12",
                7203));
  }

  @Test
  void managementEndpointIsTheStationsBasePortPlusFour() {
    Endpoint m = plan("tunnel.yaml").management(StationId.single("root.s1.pump1"));
    assertThat(m.uri()).isEqualTo("tcp://127.0.1.5:7104");
    assertThat(m.remote()).isEqualTo(StationId.single("root.s1.pump1"));
  }

  @Test
  void socketRolesHaveDistinctOffsetsWithinTheFirstSixPorts() {
    assertThat(List.of(SocketRole.values()))
        .extracting(SocketRole::offset)
        .containsExactly(0, 1, 2, 3, 4, 5);
    assertThat(SocketRole.OPC_UA.offset()).isLessThan(Address.PORT_SPAN);
  }

  @Test
  void namingAPairWithoutItsPeerIsRejected() {
    assertThatThrownBy(() -> plan("tunnel.yaml").binds(StationId.single("root")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("root is a pair: name a peer");
  }
}
