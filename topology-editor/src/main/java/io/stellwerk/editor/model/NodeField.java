package io.stellwerk.editor.model;

import io.stellwerk.node.topology.Address;
import io.stellwerk.node.topology.Durations;
import io.stellwerk.node.topology.NodeOptions;
import io.stellwerk.node.topology.PlcBinding;
import io.stellwerk.node.topology.TopologyNode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The fields the properties panel edits, named exactly as {@code Problem.field()} names them so a
 * problem can be shown on the field it is about. Each field reads a node as text and writes text
 * back; text that cannot even be parsed (a port that is not a number) is refused with a sentence,
 * while values that parse but break a rule (port 80) are accepted and reported by the validator.
 */
public enum NodeField {
  HOST("host", "host"),
  PORT("port", "base port"),
  PRIMARY_HOST("pair.primary.host", "primary host"),
  PRIMARY_PORT("pair.primary.port", "primary base port"),
  BACKUP_HOST("pair.backup.host", "backup host"),
  BACKUP_PORT("pair.backup.port", "backup base port"),
  PLC_KIND("plc.kind", "PLC kind"),
  PLC_PARAMS("plc.params", "PLC parameters"),
  SUBTREE_ONLY("options.subtree-only", "subtree only"),
  HEARTBEAT("options.heartbeat", "heartbeat"),
  MISSED_BEATS("options.missed-beats", "missed beats");

  private final String key;
  private final String label;

  NodeField(String key, String label) {
    this.key = key;
    this.label = label;
  }

  /** The field's name in problems, e.g. {@code pair.primary.port}. */
  public String key() {
    return key;
  }

  /** The field's name as a person reads it. */
  public String label() {
    return label;
  }

  /** Whether a problem about {@code problemField} belongs on this field. */
  public boolean covers(String problemField) {
    if (problemField == null) {
      return false;
    }
    if (this == PLC_PARAMS) {
      return problemField.startsWith("plc.") && !problemField.equals("plc.kind");
    }
    return problemField.equals(key);
  }

  /** Whether the field applies to the node (peer fields only to pairs, host/port to singles). */
  public boolean appliesTo(TopologyNode n) {
    return switch (this) {
      case HOST, PORT -> !n.isPair();
      case PRIMARY_HOST, PRIMARY_PORT, BACKUP_HOST, BACKUP_PORT -> n.isPair();
      default -> true;
    };
  }

  /** The field's value as text; empty when unset. */
  public String read(TopologyNode n) {
    NodeOptions o = n.options();
    return switch (this) {
      case HOST -> n.single() == null ? "" : n.single().host();
      case PORT -> n.single() == null ? "" : Integer.toString(n.single().basePort());
      case PRIMARY_HOST -> n.primary() == null ? "" : n.primary().host();
      case PRIMARY_PORT -> n.primary() == null ? "" : Integer.toString(n.primary().basePort());
      case BACKUP_HOST -> n.backup() == null ? "" : n.backup().host();
      case BACKUP_PORT -> n.backup() == null ? "" : Integer.toString(n.backup().basePort());
      case PLC_KIND -> n.plc() == null ? "" : n.plc().kind();
      case PLC_PARAMS -> n.plc() == null ? "" : PlcParams.format(n.plc().params());
      case SUBTREE_ONLY -> Boolean.toString(o.subtreeOnly());
      case HEARTBEAT -> o.heartbeat() == null ? "" : Durations.format(o.heartbeat());
      case MISSED_BEATS -> o.missedBeats() == null ? "" : o.missedBeats().toString();
    };
  }

  /**
   * The node with this field set from text.
   *
   * @throws IllegalArgumentException with a sentence for the user when the text cannot be read
   */
  public TopologyNode write(TopologyNode n, String text) {
    String v = text.strip();
    NodeOptions o = n.options();
    return switch (this) {
      case HOST -> withAddress(n, null, new Address(v, n.single().basePort()));
      case PORT -> withAddress(n, null, new Address(n.single().host(), port(v)));
      case PRIMARY_HOST -> withAddress(n, "p", new Address(v, n.primary().basePort()));
      case PRIMARY_PORT -> withAddress(n, "p", new Address(n.primary().host(), port(v)));
      case BACKUP_HOST -> withAddress(n, "b", new Address(v, n.backup().basePort()));
      case BACKUP_PORT -> withAddress(n, "b", new Address(n.backup().host(), port(v)));
      case PLC_KIND ->
          v.isEmpty()
              ? n.withPlc(null)
              : n.withPlc(n.plc() == null ? new PlcBinding(v, Map.of()) : n.plc().withKind(v));
      case PLC_PARAMS -> {
        if (n.plc() == null) {
          throw new IllegalArgumentException("give the PLC a kind before its parameters");
        }
        yield n.withPlc(n.plc().withParams(PlcParams.parse(v)));
      }
      case SUBTREE_ONLY -> n.withOptions(o.withSubtreeOnly(Boolean.parseBoolean(v)));
      case HEARTBEAT -> n.withOptions(o.withHeartbeat(duration(v)));
      case MISSED_BEATS ->
          n.withOptions(o.withMissedBeats(v.isEmpty() ? null : number(v, "missed beats")));
    };
  }

  private static TopologyNode withAddress(TopologyNode n, String peer, Address a) {
    if (peer == null) {
      return new TopologyNode(n.id(), a, null, null, n.plc(), n.options(), n.children());
    }
    Address primary = peer.equals("p") ? a : n.primary();
    Address backup = peer.equals("b") ? a : n.backup();
    return new TopologyNode(n.id(), null, primary, backup, n.plc(), n.options(), n.children());
  }

  private static int port(String v) {
    return number(v, "a base port");
  }

  private static int number(String v, String what) {
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "'" + v + "' is not a whole number, as " + what + " must be");
    }
  }

  private static Duration duration(String v) {
    if (v.isEmpty()) {
      return null;
    }
    return Durations.parse(v)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "'" + v + "' is not a duration such as 250ms, 2s or 1m"));
  }

  /** PLC parameters as one line of text, {@code rate: 5, fans: 4}. */
  static final class PlcParams {
    private PlcParams() {}

    static String format(Map<String, String> params) {
      return String.join(
          ", ", params.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).toList());
    }

    static Map<String, String> parse(String text) {
      Map<String, String> out = new LinkedHashMap<>();
      if (text.isBlank()) {
        return out;
      }
      for (String part : text.split(",")) {
        int colon = part.indexOf(':');
        if (colon <= 0 || part.substring(colon + 1).isBlank()) {
          throw new IllegalArgumentException(
              "'" + part.strip() + "' is not a parameter: write name: value, e.g. rate: 5");
        }
        out.put(part.substring(0, colon).strip(), part.substring(colon + 1).strip());
      }
      return out;
    }
  }
}
