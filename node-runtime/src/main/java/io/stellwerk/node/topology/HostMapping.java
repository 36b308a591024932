package io.stellwerk.node.topology;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Maps topology hosts to the addresses actually used. {@link #identity()} for a deployed node;
 * {@link #local(Topology)} for {@code --local}, which gives every distinct non-loopback host its
 * own loopback address 127.0.0.N, in topology order, so a real site's topology runs on one machine
 * with its real port plan. Every process computes the same mapping from the same file.
 */
public final class HostMapping {

  private final Map<String, String> mapped;

  private HostMapping(Map<String, String> mapped) {
    this.mapped = mapped;
  }

  /** Hosts are used as written. */
  public static HostMapping identity() {
    return new HostMapping(Map.of());
  }

  /**
   * An explicit mapping, e.g. to reach a neighbour through a relay in tests. Hosts not named are
   * used as written.
   */
  public static HostMapping of(Map<String, String> mapping) {
    Map<String, String> out = new LinkedHashMap<>();
    mapping.forEach((k, v) -> out.put(k.toLowerCase(Locale.ROOT), v));
    return new HostMapping(out);
  }

  /**
   * Every non-loopback host to its own 127.0.0.N, skipping addresses the file uses itself. Station
   * hosts come first, in station order, then the hosts of Modbus PLCs in the same order, so adding
   * a PLC never moves a station, and a real site's PLC is never contacted from a local run.
   */
  public static HostMapping local(Topology topology) {
    List<String> hosts = new ArrayList<>();
    for (StationId s : topology.stations()) {
      hosts.add(topology.address(s).host().toLowerCase(Locale.ROOT));
    }
    for (StationId s : topology.stations()) {
      PlcBinding plc = topology.require(s.nodeId()).plc();
      if (plc != null && plc.params().containsKey("host")) {
        hosts.add(plc.params().get("host").trim().toLowerCase(Locale.ROOT));
      }
    }
    Set<String> taken = new HashSet<>(hosts);
    Map<String, String> out = new LinkedHashMap<>();
    int next = 2;
    for (String host : hosts) {
      if (HostNames.isLoopback(host) || out.containsKey(host)) {
        continue;
      }
      while (taken.contains("127.0.0." + next)) {
        next++;
      }
      if (next > 254) {
        throw new IllegalArgumentException("--local supports at most 253 distinct hosts");
      }
      out.put(host, "127.0.0." + next++);
    }
    return new HostMapping(out);
  }

  /** The address to use for a topology host. */
  public String map(String host) {
    return mapped.getOrDefault(host.toLowerCase(Locale.ROOT), host);
  }

  /** The non-identity entries, in topology order. */
  public Map<String, String> entries() {
    return Map.copyOf(mapped);
  }
}
