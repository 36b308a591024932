package io.stellwerk.editor.yaml;

import io.stellwerk.editor.model.EditorState;
import io.stellwerk.node.topology.Defaults;
import io.stellwerk.node.topology.Topology;
import io.stellwerk.node.topology.TopologyNode;
import io.stellwerk.node.topology.TopologyWriter;
import java.util.List;
import java.util.Optional;

/**
 * Writes an edited topology back into the text it was opened from. Unchanged nodes keep their lines
 * byte for byte (comments, quoting, flow or block style); a changed scalar is replaced where it
 * stands; a node whose own fields changed shape (single became pair, a PLC was added) has only its
 * own lines rewritten in the canonical layout; added nodes are written canonically; moved nodes
 * carry their original lines, re-indented. The preamble before the root and the lines after the
 * last node are kept as they are.
 */
public final class RoundTripWriter {

  private final String originalText;
  private final Topology original;
  // Read on first need: opening a file only parses it once, and the positions are not needed
  // until the first edit is written.
  private volatile Optional<SourceTree> source;

  /** A writer for edits of a file whose text and loaded model are given. Cheap: reads nothing. */
  public RoundTripWriter(String originalText, Topology original) {
    this.originalText = originalText;
    this.original = original;
  }

  /**
   * Reads the positions of the opened text now (the first write would otherwise), so a caller can
   * do it on a background thread. Thread-safe and idempotent.
   */
  public void prepare() {
    source();
  }

  private Optional<SourceTree> source() {
    Optional<SourceTree> s = source;
    if (s == null) {
      synchronized (this) {
        s = source;
        if (s == null) {
          s = original == null ? Optional.empty() : SourceTree.read(originalText);
          source = s;
        }
      }
    }
    return s;
  }

  /** The text to save for the given state. */
  public String write(EditorState state) {
    Topology t = state.topology();
    if (original != null && t.equals(original) && EditorState.opened(t).equals(state)) {
      return originalText;
    }
    Optional<SourceTree> source = source();
    if (source.isEmpty()
        || !t.federation().equals(original.federation())
        || !t.defaults().equals(original.defaults())) {
      return TopologyWriter.write(t);
    }
    SourceTree src = source.get();
    StringBuilder out = new StringBuilder();
    copy(src, out, 0, src.root.firstLine, 0);
    node(src, state, t.root(), src.root.indent, out);
    copy(src, out, src.root.lastLine + 1, src.lines.size(), 0);
    return out.toString();
  }

  private void node(
      SourceTree src, EditorState state, TopologyNode n, int indent, StringBuilder out) {
    String originId = state.originOf(n.id());
    SourceNode from = originId == null ? null : src.byId.get(originId);
    TopologyNode was = originId == null ? null : original.node(originId).orElse(null);
    Optional<List<ScalarPatch>> patches =
        from == null || was == null || !from.patchable
            ? Optional.empty()
            : ScalarPatch.between(was, n, from);
    int childIndent;
    if (patches.isPresent()) {
      int delta = indent - from.indent;
      patched(src, from, patches.get(), delta, out);
      if (n.children().isEmpty()) {
        return;
      }
      if (from.childrenKeyLine >= 0) {
        copy(src, out, from.childrenKeyLine, from.childrenKeyLine + 1, delta);
        childIndent = from.children.get(0).indent + delta;
      } else {
        out.append(" ".repeat(indent)).append("children:").append(src.newline);
        childIndent = indent + 4;
      }
    } else {
      if (from != null) {
        copy(src, out, from.firstLine, from.keyLine, indent - from.indent);
      }
      canonical(src, n, indent, n == state.topology().root(), out);
      if (n.children().isEmpty()) {
        return;
      }
      out.append(" ".repeat(indent)).append("children:").append(src.newline);
      childIndent = indent + 4;
    }
    for (TopologyNode c : n.children()) {
      node(src, state, c, childIndent, out);
    }
  }

  private static void patched(
      SourceTree src, SourceNode from, List<ScalarPatch> patches, int delta, StringBuilder out) {
    for (int i = from.firstLine; i < from.ownEnd(); i++) {
      String line = src.lines.get(i);
      // Right to left, so earlier columns on the same line stay valid.
      for (ScalarPatch p : patches) {
        if (p.span().line() == i) {
          line = line.substring(0, p.span().start()) + p.text() + line.substring(p.span().end());
        }
      }
      out.append(shift(line, delta));
    }
  }

  /** The node's own fields as the canonical writer lays them out, at the given indentation. */
  private static void canonical(
      SourceTree src, TopologyNode n, int indent, boolean isRoot, StringBuilder out) {
    Topology alone = new Topology("x", Defaults.standard(), n.withChildren(List.of()));
    String text = TopologyWriter.write(alone);
    List<String> lines = text.substring(text.indexOf("root:\n") + 6).lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      String body = lines.get(i).substring(2);
      String prefix =
          i == 0 && !isRoot ? " ".repeat(Math.max(0, indent - 2)) + "- " : " ".repeat(indent);
      out.append(prefix).append(body).append(src.newline);
    }
  }

  private static void copy(SourceTree src, StringBuilder out, int from, int to, int delta) {
    for (int i = from; i < to && i < src.lines.size(); i++) {
      out.append(shift(src.lines.get(i), delta));
    }
  }

  /** Moves a line right (delta &gt; 0) or left by up to -delta leading spaces. */
  static String shift(String line, int delta) {
    if (delta == 0 || line.isBlank()) {
      return line;
    }
    if (delta > 0) {
      return " ".repeat(delta) + line;
    }
    int strip = 0;
    while (strip < -delta && strip < line.length() && line.charAt(strip) == ' ') {
      strip++;
    }
    return line.substring(strip);
  }
}
