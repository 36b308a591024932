package io.stellwerk.node.topology;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Turns YAML text into the model, collecting every structural problem (malformed YAML, unknown or
 * duplicate fields, wrong shapes, unparsable values) with its position instead of stopping at the
 * first. Semantic rules on the resulting model are {@link TopologyValidator}'s.
 */
final class TopologyParser {

  static final List<String> TOP_FIELDS = List.of("federation", "defaults", "root");
  static final List<String> DEFAULTS_FIELDS = List.of("heartbeat", "missed-beats");
  static final List<String> NODE_FIELDS =
      List.of("id", "host", "port", "pair", "plc", "options", "children");
  static final List<String> PAIR_FIELDS = List.of("primary", "backup");
  static final List<String> PEER_FIELDS = List.of("host", "port");
  static final List<String> OPTION_FIELDS =
      List.of(
          "subtree-only",
          "heartbeat",
          "missed-beats",
          "history-keys",
          "history-deadband",
          "history-min-interval",
          "history-max-age");

  private final String file;
  private final List<Problem> problems = new ArrayList<>();
  private final TopologyLocator locator = new TopologyLocator();

  /** Required fields whose absence is already explained by a reported typo, per mapping. */
  private final Map<Node, Set<String>> misspelled = new IdentityHashMap<>();

  /**
   * The mappings already read as tree nodes. YAML aliases can make one mapping appear many times
   * (or inside itself), which would multiply the tree exponentially from a few hundred bytes.
   */
  private final Set<Node> treeNodes = Collections.newSetFromMap(new IdentityHashMap<>());

  TopologyParser(String file) {
    this.file = file;
  }

  List<Problem> problems() {
    return problems;
  }

  TopologyLocator locator() {
    return locator;
  }

  /**
   * Parses the text; returns the (possibly partial) model, or null when nothing usable was read.
   */
  Topology parse(String text) {
    if (text.isBlank()) {
      report(
          1,
          1,
          "the file is empty: a topology needs a federation name and a root node",
          null,
          null);
      return null;
    }
    Node doc;
    try {
      LoadSettings settings =
          LoadSettings.builder()
              .setLabel(file)
              .setAllowDuplicateKeys(true) // reported by us, with both positions in mind
              .setMaxAliasesForCollections(50)
              .setCodePointLimit(TopologyLoader.MAX_FILE_BYTES)
              .build();
      doc = new Compose(settings).composeString(text).orElse(null);
    } catch (MarkedYamlEngineException e) {
      SourcePosition p = position(e.getProblemMark().or(e::getContextMark));
      report(p, "malformed YAML: " + oneLine(e.getProblem()), null, null);
      return null;
    } catch (YamlEngineException e) {
      report(1, 1, "malformed YAML: " + oneLine(e.getMessage()), null, null);
      return null;
    } catch (StackOverflowError e) {
      // The YAML library recurses once per nesting level and has no depth limit of its own.
      report(1, 1, "malformed YAML: the file is nested too deeply to read", null, null);
      return null;
    }
    if (doc == null) {
      report(
          1,
          1,
          "the file is empty: a topology needs a federation name and a root node",
          null,
          null);
      return null;
    }
    if (!(doc instanceof MappingNode top)) {
      report(
          at(doc),
          "the top level must be a mapping with 'federation', 'defaults' and 'root'",
          null,
          null);
      return null;
    }
    Map<String, Node> fields = fields(top, TOP_FIELDS, "the top level", null, "");
    String federation = requiredScalar(fields, "federation", top, "the top level", null);
    if (fields.containsKey("federation")) {
      locator.putGlobal("federation", at(fields.get("federation")));
    }
    Defaults defaults = parseDefaults(fields.get("defaults"));
    Node rootNode = fields.get("root");
    if (rootNode == null) {
      if (!explainedByTypo(top, "root")) {
        report(at(top), "the topology has no 'root' node", null, null);
      }
      return null;
    }
    treeNodes.add(rootNode);
    TopologyNode root = parseNode(rootNode, null, 1);
    if (root == null) {
      return null;
    }
    return new Topology(federation == null ? "" : federation, defaults, root);
  }

  private Defaults parseDefaults(Node node) {
    Defaults standard = Defaults.standard();
    if (node == null) {
      return standard;
    }
    if (!(node instanceof MappingNode m)) {
      report(at(node), "'defaults' must be a mapping of heartbeat and missed-beats", null, null);
      return standard;
    }
    Map<String, Node> f = fields(m, DEFAULTS_FIELDS, "'defaults'", null, "defaults.");
    f.forEach((k, v) -> locator.putGlobal("defaults." + k, at(v)));
    Duration heartbeat = duration(f.get("heartbeat"), "defaults.heartbeat", null);
    Integer missed = integer(f.get("missed-beats"), "defaults.missed-beats", null);
    return new Defaults(
        heartbeat == null ? standard.heartbeat() : heartbeat,
        missed == null ? standard.missedBeats() : missed);
  }

  private TopologyNode parseNode(Node node, String parentId, int depth) {
    String where = parentId == null ? "the root node" : "a child of " + parentId;
    if (!(node instanceof MappingNode m)) {
      report(
          at(node), where + " must be a mapping with id, host and port (or pair)", parentId, null);
      return null;
    }
    Map<String, SourcePosition> positions = new LinkedHashMap<>();
    positions.put("", at(m));
    Map<String, Node> f = fields(m, NODE_FIELDS, where, parentId, "");
    f.forEach((k, v) -> positions.put(k, at(v)));
    String id = requiredScalar(f, "id", m, where, parentId);
    String label = id == null ? where : "node " + id;
    if (id == null) {
      id = parentId == null ? "?" : parentId + ".?";
    }

    Address single = null;
    Address primary = null;
    Address backup = null;
    boolean hasSingle = f.containsKey("host") || f.containsKey("port");
    // A misspelled host or port still says "single node": report only what is really missing.
    boolean meantSingle = hasSingle || explainedByTypo(m, "host") || explainedByTypo(m, "port");
    if (f.containsKey("pair")) {
      if (hasSingle) {
        report(
            at(f.get("pair")),
            label + " has both host/port and a pair: a node is either a single node or a pair",
            id,
            "pair");
      }
      Node pairNode = f.get("pair");
      if (pairNode instanceof MappingNode pm) {
        Map<String, Node> pf = fields(pm, PAIR_FIELDS, "the pair of " + label, id, "pair.");
        for (PeerRole role : PeerRole.values()) {
          Node peer = pf.get(role.label());
          String field = "pair." + role.label();
          if (peer == null) {
            if (explainedByTypo(pm, role.label())) {
              continue;
            }
            report(
                at(pm),
                "pair "
                    + id
                    + " has no "
                    + role.label()
                    + " peer: a pair needs both primary and backup",
                id,
                field);
            continue;
          }
          positions.put(field, at(peer));
          Address a =
              parsePeer(peer, id, field, "the " + role.label() + " peer of " + id, positions);
          if (role == PeerRole.PRIMARY) {
            primary = a;
          } else {
            backup = a;
          }
        }
      } else {
        report(
            at(pairNode),
            "the pair of " + label + " must be a mapping of primary and backup",
            id,
            "pair");
      }
    } else if (meantSingle) {
      single = parseAddress(f, m, id, "", label);
    } else if (!explainedByTypo(m, "pair")) {
      report(
          at(m),
          label + " has no address: give it host and port, or a pair of primary and backup peers",
          id,
          "host");
    }
    PlcBinding plc = f.containsKey("plc") ? parsePlc(f.get("plc"), id, positions) : null;
    NodeOptions options =
        f.containsKey("options")
            ? parseOptions(f.get("options"), id, positions)
            : NodeOptions.none();

    List<TopologyNode> children = new ArrayList<>();
    Node childrenNode = f.get("children");
    if (childrenNode != null) {
      if (depth >= TopologyLoader.MAX_DEPTH) {
        report(
            at(childrenNode),
            "the tree is deeper than "
                + TopologyLoader.MAX_DEPTH
                + " levels: the children of "
                + id
                + " would be on level "
                + (depth + 1),
            id,
            "children");
      } else if (childrenNode instanceof SequenceNode seq) {
        boolean repeatReported = false;
        for (Node c : seq.getValue()) {
          if (c instanceof MappingNode && !treeNodes.add(c)) {
            if (!repeatReported) {
              report(
                  at(childrenNode),
                  "the children of "
                      + label
                      + " repeat a node through a YAML alias (it is written on line "
                      + at(c).line()
                      + "): write every node out once",
                  id,
                  "children");
              repeatReported = true;
            }
            continue;
          }
          TopologyNode child = parseNode(c, id, depth + 1);
          if (child != null) {
            children.add(child);
          }
        }
      } else if (!isNull(childrenNode)) {
        report(
            at(childrenNode),
            "the children of " + label + " must be a list of nodes",
            id,
            "children");
      }
    }
    TopologyNode result = new TopologyNode(id, single, primary, backup, plc, options, children);
    positions.forEach((field, p) -> locator.put(result, field, p));
    return result;
  }

  private Address parsePeer(
      Node peer, String id, String field, String label, Map<String, SourcePosition> positions) {
    if (!(peer instanceof MappingNode pm)) {
      report(at(peer), label + " must be a mapping of host and port", id, field);
      return null;
    }
    Map<String, Node> f = fields(pm, PEER_FIELDS, label, id, field + ".");
    f.forEach((k, v) -> positions.put(field + "." + k, at(v)));
    return parseAddress(f, pm, id, field + ".", label);
  }

  private Address parseAddress(
      Map<String, Node> f, MappingNode owner, String id, String prefix, String label) {
    String host = requiredScalar(f, "host", owner, label, id, prefix + "host");
    String portText = requiredScalar(f, "port", owner, label, id, prefix + "port");
    Integer port = null;
    if (portText != null) {
      try {
        port = Integer.parseInt(portText.trim());
      } catch (NumberFormatException e) {
        report(
            at(f.get("port")),
            "port '" + portText + "' of " + label + " is not a whole number",
            id,
            prefix + "port");
      }
    }
    if (host == null || port == null) {
      return null;
    }
    return new Address(host.trim(), port);
  }

  private PlcBinding parsePlc(Node node, String id, Map<String, SourcePosition> positions) {
    if (!(node instanceof MappingNode m)) {
      report(
          at(node),
          "the plc of " + id + " must be a mapping with a kind and its parameters",
          id,
          "plc");
      return null;
    }
    Map<String, String> params = new LinkedHashMap<>();
    List<Map<String, String>> points = null;
    String kind = null;
    for (NodeTuple t : m.getValue()) {
      String key = keyOf(t, id, "plc.");
      if (key == null) {
        continue;
      }
      positions.put("plc." + key, at(t.getValueNode()));
      if (key.equals("points")) {
        if (points != null) {
          report(
              at(t.getKeyNode()),
              "field 'points' appears twice in the plc of " + id,
              id,
              "plc.points");
        } else {
          points = parsePoints(t.getValueNode(), id, positions);
        }
        continue;
      }
      if (t.getValueNode() instanceof MappingNode nested) {
        // A nested mapping such as life_sign: {register, interval}: its fields become dotted
        // parameters, validated like the others.
        for (NodeTuple nt : nested.getValue()) {
          String sub = keyOf(nt, id, "plc." + key + ".");
          if (sub == null) {
            continue;
          }
          String name = key + "." + sub;
          positions.put("plc." + name, at(nt.getValueNode()));
          String v = scalar(nt.getValueNode(), "plc." + name, id);
          if (v != null && params.putIfAbsent(name, v) != null) {
            report(
                at(nt.getKeyNode()),
                "plc parameter '" + name + "' of " + id + " appears twice",
                id,
                "plc." + name);
          }
        }
        continue;
      }
      String value = scalar(t.getValueNode(), "plc." + key, id);
      if (value == null) {
        continue;
      }
      if (key.equals("kind")) {
        kind = value;
      } else if (params.putIfAbsent(key, value) != null) {
        report(
            at(t.getKeyNode()),
            "plc parameter '" + key + "' of " + id + " appears twice",
            id,
            "plc." + key);
      }
    }
    if (kind == null) {
      report(
          at(m),
          "the plc of " + id + " has no kind (one of: " + PlcKind.labels() + ")",
          id,
          "plc.kind");
      return null;
    }
    return new PlcBinding(kind, params, points == null ? List.of() : points);
  }

  /** The points of a PLC: a list of mappings of scalar fields, checked field by field. */
  private List<Map<String, String>> parsePoints(
      Node node, String id, Map<String, SourcePosition> positions) {
    List<Map<String, String>> out = new ArrayList<>();
    if (isNull(node)) {
      return out;
    }
    if (!(node instanceof SequenceNode seq)) {
      report(at(node), "the points of the plc of " + id + " must be a list", id, "plc.points");
      return out;
    }
    int n = 0;
    for (Node item : seq.getValue()) {
      n++;
      String prefix = "plc.points." + n + ".";
      positions.put("plc.points." + n, at(item));
      if (!(item instanceof MappingNode pm)) {
        report(
            at(item),
            "point "
                + n
                + " of the plc of "
                + id
                + " must be a mapping such as {key, table, address}",
            id,
            "plc.points." + n);
        continue;
      }
      Map<String, Node> f =
          fields(pm, ModbusPoint.FIELDS, "point " + n + " of the plc of " + id, id, prefix);
      Map<String, String> point = new LinkedHashMap<>();
      f.forEach(
          (k, v) -> {
            positions.put(prefix + k, at(v));
            String value = scalar(v, prefix + k, id);
            if (value != null) {
              point.put(k, value.trim());
            }
          });
      out.add(point);
    }
    return out;
  }

  private NodeOptions parseOptions(Node node, String id, Map<String, SourcePosition> positions) {
    if (!(node instanceof MappingNode m)) {
      report(at(node), "the options of " + id + " must be a mapping", id, "options");
      return NodeOptions.none();
    }
    Map<String, Node> f = fields(m, OPTION_FIELDS, "the options of " + id, id, "options.");
    f.forEach((k, v) -> positions.put("options." + k, at(v)));
    boolean subtreeOnly = false;
    Node so = f.get("subtree-only");
    if (so != null) {
      String v = scalar(so, "options.subtree-only", id);
      if ("true".equals(v)) {
        subtreeOnly = true;
      } else if (v != null && !"false".equals(v)) {
        report(
            at(so),
            "option subtree-only of " + id + " must be true or false, not '" + v + "'",
            id,
            "options.subtree-only");
      }
    }
    Duration heartbeat = duration(f.get("heartbeat"), "options.heartbeat", id);
    Integer missed = integer(f.get("missed-beats"), "options.missed-beats", id);
    HistorySettings history =
        new HistorySettings(
            historyKeys(f.get("history-keys"), id),
            deadband(f.get("history-deadband"), id),
            duration(f.get("history-min-interval"), "options.history-min-interval", id),
            duration(f.get("history-max-age"), "options.history-max-age", id));
    return new NodeOptions(subtreeOnly, heartbeat, missed, history);
  }

  private List<String> historyKeys(Node node, String id) {
    if (node == null) {
      return List.of();
    }
    String field = "options.history-keys";
    if (!(node instanceof SequenceNode seq)) {
      report(at(node), field + " of " + id + " must be a list of key prefixes", id, field);
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (Node item : seq.getValue()) {
      String v = scalar(item, field, id);
      if (v == null) {
        continue;
      }
      if (!v.startsWith(id + "/")) {
        report(
            at(item),
            "history key '"
                + v
                + "' of "
                + id
                + " is not one of its own keys: a prefix starts with '"
                + id
                + "/'",
            id,
            field);
        continue;
      }
      out.add(v);
    }
    return out;
  }

  private Double deadband(Node node, String id) {
    if (node == null) {
      return null;
    }
    String field = "options.history-deadband";
    String v = scalar(node, field, id);
    if (v == null) {
      return null;
    }
    try {
      double d = Double.parseDouble(v.trim());
      if (d >= 0 && Double.isFinite(d)) {
        return d;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    report(at(node), field + " '" + v + "' of " + id + " must be a number >= 0", id, field);
    return null;
  }

  private Duration duration(Node node, String field, String id) {
    if (node == null) {
      return null;
    }
    String v = scalar(node, field, id);
    if (v == null) {
      return null;
    }
    Optional<Duration> d = Durations.parse(v);
    if (d.isEmpty()) {
      report(at(node), field + " '" + v + "' is not a duration such as 250ms, 2s or 1m", id, field);
    }
    return d.orElse(null);
  }

  private Integer integer(Node node, String field, String id) {
    if (node == null) {
      return null;
    }
    String v = scalar(node, field, id);
    if (v == null) {
      return null;
    }
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      report(at(node), field + " '" + v + "' is not a whole number", id, field);
      return null;
    }
  }

  /**
   * The fields of a mapping by name, in file order, reporting unknown and duplicate ones (with a
   * suggestion when an unknown one is a likely typo).
   */
  private Map<String, Node> fields(
      MappingNode m, List<String> allowed, String where, String id, String prefix) {
    Map<String, Node> out = new LinkedHashMap<>();
    for (NodeTuple t : m.getValue()) {
      String key = keyOf(t, id, prefix);
      if (key == null) {
        continue;
      }
      if (!allowed.contains(key)) {
        Optional<String> likely = Spelling.closest(key, allowed);
        likely.ifPresent(w -> misspelled.computeIfAbsent(m, x -> new HashSet<>()).add(w));
        String suggestion = likely.map(w -> " (did you mean '" + w + "'?)").orElse("");
        report(
            at(t.getKeyNode()),
            "unknown field '"
                + key
                + "' in "
                + where
                + suggestion
                + "; expected one of: "
                + String.join(", ", allowed),
            id,
            prefix + key);
      } else if (out.containsKey(key)) {
        report(
            at(t.getKeyNode()), "field '" + key + "' appears twice in " + where, id, prefix + key);
      } else {
        out.put(key, t.getValueNode());
      }
    }
    return out;
  }

  private String keyOf(NodeTuple t, String id, String prefix) {
    if (t.getKeyNode() instanceof ScalarNode s) {
      return s.getValue();
    }
    report(
        at(t.getKeyNode()),
        "field names must be plain words, not lists or mappings",
        id,
        prefix.isEmpty() ? null : prefix.substring(0, prefix.length() - 1));
    return null;
  }

  private String requiredScalar(
      Map<String, Node> f, String field, Node owner, String where, String id) {
    return requiredScalar(f, field, owner, where, id, field);
  }

  private String requiredScalar(
      Map<String, Node> f, String key, Node owner, String where, String id, String field) {
    Node n = f.get(key);
    if (n == null) {
      if (!explainedByTypo(owner, key)) {
        report(at(owner), where + " has no '" + key + "'", id, field);
      }
      return null;
    }
    String v = scalar(n, field, id);
    if (v != null && v.isBlank()) {
      report(at(n), "'" + key + "' of " + where + " is empty", id, field);
      return null;
    }
    return v;
  }

  /** Whether a reported unknown field of the mapping was most likely meant to be {@code key}. */
  private boolean explainedByTypo(Node owner, String key) {
    return misspelled.getOrDefault(owner, Set.of()).contains(key);
  }

  private String scalar(Node n, String field, String id) {
    if (n instanceof ScalarNode s) {
      if (isNull(s)) {
        report(at(n), "'" + field + "' has no value", id, field);
        return null;
      }
      return s.getValue();
    }
    report(at(n), "'" + field + "' must be a single value, not a list or mapping", id, field);
    return null;
  }

  private static boolean isNull(Node n) {
    return n instanceof ScalarNode s && n.getTag().getValue().endsWith(":null");
  }

  private static SourcePosition at(Node n) {
    return position(n.getStartMark());
  }

  private static SourcePosition position(Optional<Mark> mark) {
    return mark.map(k -> new SourcePosition(k.getLine() + 1, k.getColumn() + 1))
        .orElse(new SourcePosition(1, 1));
  }

  private static String oneLine(String s) {
    if (s == null) {
      return "unreadable content";
    }
    String line = s.strip().lines().findFirst().orElse(s);
    return line.length() > 200 ? line.substring(0, 197) + "..." : line;
  }

  private void report(SourcePosition p, String message, String nodeId, String field) {
    problems.add(new Problem(file, p.line(), p.column(), message, nodeId, field));
  }

  private void report(int line, int column, String message, String nodeId, String field) {
    problems.add(new Problem(file, line, column, message, nodeId, field));
  }
}
