package io.stellwerk.node.topology;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Writes a topology in the canonical layout the examples use: fields in a fixed order, peers and
 * PLC bindings as one-line flow mappings, two-space indentation. Loading what this writes gives
 * back an equal model; a one-field change changes one line.
 */
public final class TopologyWriter {

  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.\\-/]*");
  private static final Pattern NEEDS_QUOTES_WORD =
      Pattern.compile("(?i)true|false|null|yes|no|on|off|~");

  private TopologyWriter() {}

  /** The YAML text of a topology. */
  public static String write(Topology t) {
    StringBuilder out = new StringBuilder();
    out.append("federation: ").append(scalar(t.federation())).append('\n');
    out.append("defaults:\n");
    out.append("  heartbeat: ").append(Durations.format(t.defaults().heartbeat())).append('\n');
    out.append("  missed-beats: ").append(t.defaults().missedBeats()).append('\n');
    out.append("root:\n");
    node(out, t.root(), "  ", "  ");
    return out.toString();
  }

  private static void node(StringBuilder out, TopologyNode n, String first, String indent) {
    out.append(first).append("id: ").append(scalar(n.id())).append('\n');
    if (n.isPair()) {
      out.append(indent).append("pair:\n");
      peer(out, indent + "  ", "primary", n.primary());
      peer(out, indent + "  ", "backup", n.backup());
    } else if (n.single() != null) {
      out.append(indent).append("host: ").append(scalar(n.single().host())).append('\n');
      out.append(indent).append("port: ").append(n.single().basePort()).append('\n');
    }
    if (n.plc() != null) {
      plc(out, n.plc(), indent);
    }
    NodeOptions o = n.options();
    if (!o.isDefault()) {
      out.append(indent).append("options:\n");
      if (o.subtreeOnly()) {
        out.append(indent).append("  subtree-only: true\n");
      }
      if (o.heartbeat() != null) {
        out.append(indent)
            .append("  heartbeat: ")
            .append(Durations.format(o.heartbeat()))
            .append('\n');
      }
      if (o.missedBeats() != null) {
        out.append(indent).append("  missed-beats: ").append(o.missedBeats()).append('\n');
      }
      HistorySettings h = o.history();
      if (!h.keys().isEmpty()) {
        out.append(indent).append("  history-keys: [");
        out.append(String.join(", ", h.keys().stream().map(TopologyWriter::scalar).toList()));
        out.append("]\n");
      }
      if (h.deadband() != null) {
        out.append(indent).append("  history-deadband: ").append(h.deadband()).append('\n');
      }
      if (h.minInterval() != null) {
        out.append(indent)
            .append("  history-min-interval: ")
            .append(Durations.format(h.minInterval()))
            .append('\n');
      }
      if (h.maxAge() != null) {
        out.append(indent)
            .append("  history-max-age: ")
            .append(Durations.format(h.maxAge()))
            .append('\n');
      }
    }
    if (!n.children().isEmpty()) {
      out.append(indent).append("children:\n");
      for (TopologyNode c : n.children()) {
        node(out, c, indent + "  - ", indent + "    ");
      }
    }
  }

  /**
   * A binding without points or nested parameters as one flow mapping; one with them (Modbus) as a
   * block: its scalar parameters, each nested mapping as one flow line, each point as one flow
   * line.
   */
  private static void plc(StringBuilder out, PlcBinding plc, String indent) {
    boolean nested = plc.params().keySet().stream().anyMatch(k -> k.contains("."));
    if (plc.points().isEmpty() && !nested) {
      out.append(indent).append("plc: {kind: ").append(scalar(plc.kind()));
      plc.params()
          .forEach((k, v) -> out.append(", ").append(scalar(k)).append(": ").append(scalar(v)));
      out.append("}\n");
      return;
    }
    String in = indent + "  ";
    out.append(indent).append("plc:\n");
    out.append(in).append("kind: ").append(scalar(plc.kind())).append('\n');
    Map<String, Map<String, String>> groups = new LinkedHashMap<>();
    plc.params()
        .forEach(
            (k, v) -> {
              int dot = k.indexOf('.');
              if (dot < 0) {
                groups.put(k, null);
              } else {
                groups
                    .computeIfAbsent(k.substring(0, dot), g -> new LinkedHashMap<>())
                    .put(k.substring(dot + 1), v);
              }
            });
    groups.forEach(
        (k, sub) -> {
          out.append(in).append(scalar(k)).append(": ");
          if (sub == null) {
            out.append(scalar(plc.params().get(k))).append('\n');
          } else {
            flow(out, sub);
            out.append('\n');
          }
        });
    if (!plc.points().isEmpty()) {
      out.append(in).append("points:\n");
      for (Map<String, String> p : plc.points()) {
        out.append(in).append("  - ");
        flow(out, p);
        out.append('\n');
      }
    }
  }

  private static void flow(StringBuilder out, Map<String, String> fields) {
    out.append('{');
    boolean first = true;
    for (Map.Entry<String, String> e : fields.entrySet()) {
      out.append(first ? "" : ", ").append(scalar(e.getKey())).append(": ");
      out.append(scalar(e.getValue()));
      first = false;
    }
    out.append('}');
  }

  private static void peer(StringBuilder out, String indent, String role, Address a) {
    if (a == null) {
      return;
    }
    out.append(indent)
        .append(role)
        .append(": {host: ")
        .append(scalar(a.host()))
        .append(", port: ")
        .append(a.basePort())
        .append("}\n");
  }

  /** A scalar, quoted only when plain YAML would read it differently. */
  static String scalar(String s) {
    if (PLAIN.matcher(s).matches() && !NEEDS_QUOTES_WORD.matcher(s).matches()) {
      return s;
    }
    return "'" + s.replace("'", "''") + "'";
  }
}
