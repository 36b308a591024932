package io.stellwerk.editor.yaml;

import io.stellwerk.node.topology.Address;
import io.stellwerk.node.topology.Durations;
import io.stellwerk.node.topology.NodeOptions;
import io.stellwerk.node.topology.PlcBinding;
import io.stellwerk.node.topology.TopologyNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One scalar to replace in place, and the comparison that finds them: a node whose fields changed
 * only in value gets patches; one whose fields changed in shape (a field appeared or vanished, a
 * single became a pair) gets none, and its own part is rewritten instead.
 */
record ScalarPatch(SourceNode.Span span, String text) {

  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.\\-/]*");
  private static final Pattern RESERVED = Pattern.compile("(?i)true|false|null|yes|no|on|off|~");

  /** The patches turning {@code was} into {@code now}, right to left; empty on a shape change. */
  static Optional<List<ScalarPatch>> between(TopologyNode was, TopologyNode now, SourceNode at) {
    List<ScalarPatch> out = new ArrayList<>();
    boolean ok = field(out, at, "id", was.id(), now.id());
    if (was.isPair() != now.isPair()) {
      return Optional.empty();
    }
    if (now.isPair()) {
      ok &= address(out, at, "pair.primary.", was.primary(), now.primary());
      ok &= address(out, at, "pair.backup.", was.backup(), now.backup());
    } else {
      ok &= address(out, at, "", was.single(), now.single());
    }
    ok &= plc(out, at, was.plc(), now.plc());
    ok &= options(out, at, was.options(), now.options());
    if (!ok) {
      return Optional.empty();
    }
    out.sort(
        Comparator.comparingInt((ScalarPatch p) -> p.span().line())
            .thenComparing(p -> -p.span().start()));
    return Optional.of(out);
  }

  private static boolean address(
      List<ScalarPatch> out, SourceNode at, String prefix, Address was, Address now) {
    return field(out, at, prefix + "host", was.host(), now.host())
        && field(out, at, prefix + "port", "" + was.basePort(), "" + now.basePort());
  }

  private static boolean plc(List<ScalarPatch> out, SourceNode at, PlcBinding was, PlcBinding now) {
    if (was == null || now == null) {
      return was == now;
    }
    if (!List.copyOf(was.params().keySet()).equals(List.copyOf(now.params().keySet()))
        || !was.points().equals(now.points())) {
      return false;
    }
    boolean ok = field(out, at, "plc.kind", was.kind(), now.kind());
    for (String k : now.params().keySet()) {
      ok &= field(out, at, "plc." + k, was.params().get(k), now.params().get(k));
    }
    return ok;
  }

  private static boolean options(
      List<ScalarPatch> out, SourceNode at, NodeOptions was, NodeOptions now) {
    boolean ok = true;
    if (was.subtreeOnly() != now.subtreeOnly()) {
      ok = field(out, at, "options.subtree-only", null, Boolean.toString(now.subtreeOnly()));
    }
    return ok
        && optional(out, at, "options.heartbeat", text(was.heartbeat()), text(now.heartbeat()))
        && optional(
            out, at, "options.missed-beats", text(was.missedBeats()), text(now.missedBeats()));
  }

  private static String text(Object v) {
    if (v == null) {
      return null;
    }
    return v instanceof Duration d ? Durations.format(d) : v.toString();
  }

  private static boolean optional(
      List<ScalarPatch> out, SourceNode at, String field, String was, String now) {
    if ((was == null) != (now == null)) {
      return false;
    }
    return now == null || field(out, at, field, was, now);
  }

  /** Adds a patch when the value changed; false when the field has no place in the text. */
  private static boolean field(
      List<ScalarPatch> out, SourceNode at, String field, String was, String now) {
    if (Objects.equals(was, now)) {
      return true;
    }
    SourceNode.Span span = at.scalars.get(field);
    if (span == null) {
      return false;
    }
    out.add(new ScalarPatch(span, scalar(now)));
    return true;
  }

  /** A scalar, quoted only when plain YAML would read it differently (as the canonical writer). */
  static String scalar(String s) {
    if (PLAIN.matcher(s).matches() && !RESERVED.matcher(s).matches()) {
      return s;
    }
    return "'" + s.replace("'", "''") + "'";
  }
}
