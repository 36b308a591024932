package io.stellwerk.node.topology;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The semantic rules of a topology, checked on the model so the editor and the CLI report the same
 * problems: ids, the tree shape and depth, hosts and ports, clashing endpoints, PLC bindings and
 * option bounds. Every rule reports all its violations; nothing stops at the first.
 */
public final class TopologyValidator {

  private static final Pattern FEDERATION_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
  static final int MIN_MISSED_BEATS = 2;
  static final int MAX_MISSED_BEATS = 100;

  private final String file;
  private final TopologyLocator locator;
  private final List<Problem> problems = new ArrayList<>();

  private TopologyValidator(String file, TopologyLocator locator) {
    this.file = file;
    this.locator = locator;
  }

  /** Checks a model; positions come from the locator (none for models built in memory). */
  public static List<Problem> validate(String file, Topology topology, TopologyLocator locator) {
    TopologyValidator v = new TopologyValidator(file, locator);
    v.checkFederation(topology);
    v.checkTiming(
        topology.defaults().heartbeat(), topology.defaults().missedBeats(), null, "defaults.");
    Map<String, TopologyNode> seen = new HashMap<>();
    List<Placed> stations = new ArrayList<>();
    v.walk(topology.root(), null, 1, seen, stations);
    v.checkClashes(stations);
    v.problems.sort(Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column));
    return v.problems;
  }

  private record Placed(TopologyNode node, StationId station, Address address, String field) {}

  private void checkFederation(Topology t) {
    if (!t.federation().isEmpty() && !FEDERATION_NAME.matcher(t.federation()).matches()) {
      reportGlobal(
          "federation",
          "federation name '"
              + t.federation()
              + "' may hold only letters, digits, '.', '_' and '-' (at most 64)");
    }
  }

  private void checkTiming(Duration hb, Integer missed, TopologyNode node, String prefix) {
    if (hb != null
        && (hb.compareTo(Defaults.MIN_HEARTBEAT) < 0 || hb.compareTo(Defaults.MAX_HEARTBEAT) > 0)) {
      report(
          node,
          prefix + "heartbeat",
          "heartbeat "
              + Durations.format(hb)
              + " is out of range: it must lie between "
              + Durations.format(Defaults.MIN_HEARTBEAT)
              + " and "
              + Durations.format(Defaults.MAX_HEARTBEAT));
    }
    if (missed != null && (missed < MIN_MISSED_BEATS || missed > MAX_MISSED_BEATS)) {
      report(
          node,
          prefix + "missed-beats",
          "missed-beats "
              + missed
              + " is out of range: it must lie between "
              + MIN_MISSED_BEATS
              + " and "
              + MAX_MISSED_BEATS);
    }
  }

  private void walk(
      TopologyNode node,
      TopologyNode parent,
      int depth,
      Map<String, TopologyNode> seen,
      List<Placed> stations) {
    String id = node.id();
    if (!NodeIds.isValid(id)) {
      if (!id.endsWith("?")) {
        report(
            node,
            "id",
            "id '"
                + id
                + "' is not valid: ids are dot paths of names that start with a letter"
                + " (letters, digits, '_' and '-'), such as root.s1.pump3");
      }
    } else if (parent == null && id.contains(".")) {
      report(node, "id", "the root's id '" + id + "' must be a single name without dots");
    } else if (parent != null
        && NodeIds.isValid(parent.id())
        && !parent.id().equals(NodeIds.parentOf(id))) {
      report(
          node,
          "id",
          "id '"
              + id
              + "' does not fit its place: a child of "
              + parent.id()
              + " must be named "
              + parent.id()
              + ".<name>");
    }
    TopologyNode first = seen.putIfAbsent(id, node);
    if (first != null && !id.endsWith("?")) {
      SourcePosition p = locator.at(first, "id");
      report(
          node,
          "id",
          "duplicate id '"
              + id
              + "'"
              + (p.line() > 0 ? ": it is already used on line " + p.line() : ""));
    }
    if (depth > TopologyLoader.MAX_DEPTH) {
      report(
          node,
          "id",
          "node "
              + id
              + " is on level "
              + depth
              + ", deeper than the limit of "
              + TopologyLoader.MAX_DEPTH);
    }
    if (node.isPair()) {
      place(node, PeerRole.PRIMARY, node.primary(), "pair.primary.", stations);
      place(node, PeerRole.BACKUP, node.backup(), "pair.backup.", stations);
    } else {
      place(node, null, node.single(), "", stations);
    }
    checkPlc(node);
    NodeOptions o = node.options();
    checkTiming(o.heartbeat(), o.missedBeats(), node, "options.");
    if (depth <= TopologyLoader.MAX_DEPTH) {
      for (TopologyNode child : node.children()) {
        walk(child, node, depth + 1, seen, stations);
      }
    }
  }

  private void place(
      TopologyNode node, PeerRole role, Address a, String prefix, List<Placed> stations) {
    if (a == null) {
      return;
    }
    String who = role == null ? node.id() : node.id() + "[" + role.label() + "]";
    Optional<String> hostProblem = HostNames.problem(a.host());
    hostProblem.ifPresent(msg -> report(node, prefix + "host", msg + " (" + who + ")"));
    boolean portOk = a.basePort() >= Address.MIN_BASE_PORT && a.basePort() <= Address.MAX_BASE_PORT;
    if (!portOk) {
      report(
          node,
          prefix + "port",
          "port "
              + a.basePort()
              + " of "
              + who
              + " is out of range: a base port lies between "
              + Address.MIN_BASE_PORT
              + " and "
              + Address.MAX_BASE_PORT
              + " (each station uses "
              + Address.PORT_SPAN
              + " ports from its base port)");
    }
    if (hostProblem.isEmpty() && portOk) {
      stations.add(new Placed(node, new StationId(node.id(), role), a, prefix + "port"));
    }
  }

  /** Reports every pair of stations whose port ranges overlap on one host. */
  private void checkClashes(List<Placed> stations) {
    Map<String, List<Placed>> byHost = new LinkedHashMap<>();
    for (Placed p : stations) {
      byHost
          .computeIfAbsent(p.address().host().toLowerCase(Locale.ROOT), h -> new ArrayList<>())
          .add(p);
    }
    for (List<Placed> onHost : byHost.values()) {
      onHost.sort(Comparator.comparingInt(p -> p.address().basePort()));
      for (int i = 0; i < onHost.size(); i++) {
        Placed a = onHost.get(i);
        for (int j = i + 1;
            j < onHost.size() && onHost.get(j).address().basePort() <= a.address().lastPort();
            j++) {
          Placed b = onHost.get(j);
          boolean samePair = a.node() == b.node();
          report(
              b.node(),
              b.field(),
              "derived endpoints clash on host "
                  + b.address().host()
                  + ": "
                  + b.station()
                  + " uses ports "
                  + b.address().basePort()
                  + "-"
                  + b.address().lastPort()
                  + ", which overlap "
                  + a.station()
                  + "'s "
                  + a.address().basePort()
                  + "-"
                  + a.address().lastPort()
                  + (samePair
                      ? " (the two peers of a pair need distinct hosts or port ranges)"
                      : ""));
        }
      }
    }
  }

  private void checkPlc(TopologyNode node) {
    PlcBinding plc = node.plc();
    if (plc == null) {
      return;
    }
    Optional<PlcKind> kind = PlcKind.byLabel(plc.kind());
    if (kind.isEmpty()) {
      report(
          node,
          "plc.kind",
          "unknown PLC kind '"
              + plc.kind()
              + "' for "
              + node.id()
              + " (known kinds: "
              + PlcKind.labels()
              + ")");
      return;
    }
    plc.params()
        .forEach(
            (name, value) -> {
              PlcKind.ParamType type = kind.get().params().get(name);
              if (type == null) {
                report(
                    node,
                    "plc." + name,
                    "unknown parameter '"
                        + name
                        + "' for a "
                        + plc.kind()
                        + " PLC (known: "
                        + String.join(", ", kind.get().params().keySet().stream().sorted().toList())
                        + ")");
              } else if (!type.accepts(value)) {
                report(
                    node,
                    "plc." + name,
                    "PLC parameter "
                        + name
                        + " '"
                        + value
                        + "' of "
                        + node.id()
                        + " must be "
                        + type.description());
              }
            });
    if (!kind.get().hasPoints()) {
      if (!plc.points().isEmpty()) {
        report(
            node,
            "plc.points",
            "a " + plc.kind() + " PLC has no points: it brings its own (" + node.id() + ")");
      }
      return;
    }
    checkModbus(node, plc);
  }

  private void checkModbus(TopologyNode node, PlcBinding plc) {
    if (!plc.params().containsKey("host")) {
      report(node, "plc", "the modbus plc of " + node.id() + " has no 'host'");
    }
    String lifeSign = plc.params().get("life_sign.register");
    if (node.isPair() && lifeSign == null) {
      report(
          node,
          "plc",
          "pair "
              + node.id()
              + " has a modbus PLC without life_sign.register: the passive peer needs the"
              + " active's life sign to tell a dead active from a cut peer link");
    }
    Map<String, Integer> keys = new HashMap<>();
    List<ModbusPoint> read = new ArrayList<>();
    List<Integer> indexes = new ArrayList<>();
    for (int i = 0; i < plc.points().size(); i++) {
      int n = i + 1;
      String prefix = "plc.points." + n;
      Optional<ModbusPoint> p =
          ModbusPoint.read(
              plc.points().get(i),
              "point " + n + " of the plc of " + node.id(),
              (field, msg) -> report(node, field.isEmpty() ? prefix : prefix + "." + field, msg));
      if (p.isEmpty()) {
        continue;
      }
      Integer first = keys.putIfAbsent(p.get().key(), n);
      if (first != null) {
        report(
            node,
            prefix + ".key",
            "key '"
                + p.get().key()
                + "' of point "
                + n
                + " of the plc of "
                + node.id()
                + " is already mapped by point "
                + first);
        continue;
      }
      for (int j = 0; j < read.size(); j++) {
        ModbusPoint o = read.get(j);
        if (o.table() == p.get().table()
            && o.address() <= p.get().lastAddress()
            && p.get().address() <= o.lastAddress()) {
          report(
              node,
              prefix + ".address",
              "point "
                  + n
                  + " of the plc of "
                  + node.id()
                  + " overlaps point "
                  + indexes.get(j)
                  + " in the "
                  + o.table().label()
                  + " table");
        }
      }
      if (lifeSign != null && p.get().table() == ModbusPoint.Table.HOLDING) {
        try {
          int r = Integer.parseInt(lifeSign.trim());
          if (r >= p.get().address() && r <= p.get().lastAddress()) {
            report(
                node,
                prefix + ".address",
                "point "
                    + n
                    + " of the plc of "
                    + node.id()
                    + " uses holding register "
                    + r
                    + ", which is the life-sign register");
          }
        } catch (NumberFormatException e) {
          // reported as a bad parameter above
        }
      }
      read.add(p.get());
      indexes.add(n);
    }
  }

  private void report(TopologyNode node, String field, String message) {
    SourcePosition p = node == null ? locator.atGlobal(field) : locator.at(node, field);
    problems.add(
        new Problem(file, p.line(), p.column(), message, node == null ? null : node.id(), field));
  }

  private void reportGlobal(String field, String message) {
    report(null, field, message);
  }
}
