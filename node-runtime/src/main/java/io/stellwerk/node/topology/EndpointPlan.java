package io.stellwerk.node.topology;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Derives every endpoint a station binds and connects from the topology alone: its own sockets at
 * fixed offsets from its base port, its parent's south sockets (both peers if the parent is a
 * pair), each child's north PUB (both peers of a child pair) and, for a pair peer, the other peer's
 * link.
 */
public final class EndpointPlan {

  private final Topology topology;
  private final HostMapping hosts;

  /** A plan over the topology with the given host mapping. */
  public EndpointPlan(Topology topology, HostMapping hosts) {
    this.topology = topology;
    this.hosts = hosts;
  }

  /** The endpoint of one socket role of a station. */
  public Endpoint bound(StationId station, SocketRole role) {
    Address a = topology.address(station);
    return new Endpoint(Endpoint.Direction.BIND, role, null, hosts.map(a.host()), a.port(role));
  }

  private Endpoint remote(StationId station, SocketRole role) {
    Address a = topology.address(station);
    return new Endpoint(
        Endpoint.Direction.CONNECT, role, station, hosts.map(a.host()), a.port(role));
  }

  /** What the station binds. */
  public List<Endpoint> binds(StationId station) {
    TopologyNode node = topology.require(station.nodeId());
    List<Endpoint> out = new ArrayList<>();
    if (!node.children().isEmpty()) {
      out.add(bound(station, SocketRole.SOUTH_ROUTER));
      out.add(bound(station, SocketRole.SOUTH_PUB));
    }
    if (topology.parent(node.id()).isPresent()) {
      out.add(bound(station, SocketRole.NORTH_PUB));
    }
    if (station.isPeer()) {
      out.add(bound(station, SocketRole.PEER_LINK));
    }
    out.add(bound(station, SocketRole.MANAGEMENT));
    return out;
  }

  /** The parent's south ROUTERs this station sends requests to (one per parent station). */
  public List<Endpoint> parentRouters(StationId station) {
    return parentStations(station).stream().map(s -> remote(s, SocketRole.SOUTH_ROUTER)).toList();
  }

  /** The parent's south PUBs this station subscribes to. */
  public List<Endpoint> parentPubs(StationId station) {
    return parentStations(station).stream().map(s -> remote(s, SocketRole.SOUTH_PUB)).toList();
  }

  /** The children's north PUBs this station subscribes to. */
  public List<Endpoint> childPubs(StationId station) {
    List<Endpoint> out = new ArrayList<>();
    for (TopologyNode child : topology.require(station.nodeId()).children()) {
      for (StationId s : child.stations()) {
        out.add(remote(s, SocketRole.NORTH_PUB));
      }
    }
    return out;
  }

  /** The other peer's link, for a pair peer. */
  public Optional<Endpoint> peerLink(StationId station) {
    return station.isPeer()
        ? Optional.of(remote(station.otherPeer(), SocketRole.PEER_LINK))
        : Optional.empty();
  }

  /** Everything the station connects to. */
  public List<Endpoint> connects(StationId station) {
    List<Endpoint> out = new ArrayList<>(parentRouters(station));
    out.addAll(parentPubs(station));
    out.addAll(childPubs(station));
    peerLink(station).ifPresent(out::add);
    return out;
  }

  /** The management endpoint a client uses to reach the station. */
  public Endpoint management(StationId station) {
    return remote(station, SocketRole.MANAGEMENT);
  }

  private List<StationId> parentStations(StationId station) {
    return topology.parent(station.nodeId()).map(TopologyNode::stations).orElse(List.of());
  }
}
