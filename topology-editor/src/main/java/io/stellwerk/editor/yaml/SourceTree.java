package io.stellwerk.editor.yaml;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.CollectionNode;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * The line map of a topology file, read with the same YAML library as the loader. Only files that
 * the loader accepted are mapped; anything unexpected makes {@link #read} return empty, and the
 * saver then writes the canonical layout instead.
 *
 * <p>A node's own part is patchable when its scalars each sit on one line and its {@code children}
 * (if any) is a block list that comes after all its other fields.
 */
final class SourceTree {

  final List<String> lines;
  final SourceNode root;
  final Map<String, SourceNode> byId = new HashMap<>();
  final String newline;

  private SourceTree(List<String> lines, SourceNode root, String newline) {
    this.lines = lines;
    this.root = root;
    this.newline = newline;
  }

  /** Maps a file's text; empty when its layout is not one this class understands. */
  static Optional<SourceTree> read(String text) {
    try {
      Node doc =
          new Compose(LoadSettings.builder().setAllowDuplicateKeys(true).build())
              .composeString(text)
              .orElse(null);
      if (!(doc instanceof MappingNode top)) {
        return Optional.empty();
      }
      Node rootValue = value(top, "root");
      if (!(rootValue instanceof MappingNode rootMap)) {
        return Optional.empty();
      }
      List<String> lines = List.of(text.split("(?<=\n)", -1));
      String newline = text.contains("\r\n") ? "\r\n" : "\n";
      SourceNode root = map(rootMap, line(rootMap.getStartMark()));
      SourceTree tree = new SourceTree(lines, root, newline);
      tree.index(root);
      return Optional.of(tree);
    } catch (RuntimeException e) {
      // A layout we cannot map is not an error: saving falls back to the canonical layout.
      return Optional.empty();
    }
  }

  private void index(SourceNode n) {
    byId.putIfAbsent(n.id, n);
    n.children.forEach(this::index);
  }

  private static SourceNode map(MappingNode m, int firstLine) {
    SourceNode n = new SourceNode();
    n.firstLine = firstLine;
    n.keyLine = line(m.getStartMark());
    n.indent = m.getStartMark().orElseThrow().getColumn();
    n.lastLine = lastContentLine(m);
    int lastOwnLine = n.keyLine;
    for (NodeTuple t : m.getValue()) {
      String key = ((ScalarNode) t.getKeyNode()).getValue();
      Node v = t.getValueNode();
      if (key.equals("children")) {
        n.childrenKeyLine = line(t.getKeyNode().getStartMark());
        if (!(v instanceof SequenceNode seq) || seq.getValue().isEmpty() || flow(seq)) {
          n.patchable = false;
          continue;
        }
        int next = n.childrenKeyLine + 1;
        for (Node c : seq.getValue()) {
          SourceNode child = map((MappingNode) c, next);
          n.children.add(child);
          next = child.lastLine + 1;
        }
        continue;
      }
      lastOwnLine = Math.max(lastOwnLine, lastContentLine(v));
      collect(key, v, n);
    }
    n.id = ((ScalarNode) value(m, "id")).getValue();
    if (n.childrenKeyLine >= 0 && lastOwnLine >= n.childrenKeyLine) {
      n.patchable = false;
    }
    return n;
  }

  /** Records the spans of a field's scalars under their problem field names. */
  private static void collect(String key, Node v, SourceNode n) {
    if (v instanceof ScalarNode s) {
      put(n, key, s);
    } else if (v instanceof MappingNode mm) {
      for (NodeTuple t : mm.getValue()) {
        String sub = key + "." + ((ScalarNode) t.getKeyNode()).getValue();
        collect(sub, t.getValueNode(), n);
      }
    } else {
      n.patchable = false;
    }
  }

  private static void put(SourceNode n, String field, ScalarNode s) {
    Mark start = s.getStartMark().orElseThrow();
    Mark end = s.getEndMark().orElseThrow();
    if (start.getLine() != end.getLine()) {
      n.patchable = false;
      return;
    }
    n.scalars.put(field, new SourceNode.Span(start.getLine(), start.getColumn(), end.getColumn()));
  }

  private static boolean flow(CollectionNode<?> c) {
    return c.getFlowStyle() == org.snakeyaml.engine.v2.common.FlowStyle.FLOW;
  }

  /** The last line holding a scalar or a flow collection of the node (block ends are fuzzy). */
  private static int lastContentLine(Node n) {
    if (n instanceof ScalarNode || (n instanceof CollectionNode<?> c && flow(c))) {
      Mark end = n.getEndMark().orElseThrow();
      return end.getColumn() == 0 && end.getLine() > 0 ? end.getLine() - 1 : end.getLine();
    }
    int last = line(n.getStartMark());
    if (n instanceof MappingNode m) {
      for (NodeTuple t : m.getValue()) {
        last = Math.max(last, lastContentLine(t.getValueNode()));
      }
    } else if (n instanceof SequenceNode s) {
      for (Node c : s.getValue()) {
        last = Math.max(last, lastContentLine(c));
      }
    }
    return last;
  }

  private static Node value(MappingNode m, String key) {
    for (NodeTuple t : m.getValue()) {
      if (t.getKeyNode() instanceof ScalarNode s && s.getValue().equals(key)) {
        return t.getValueNode();
      }
    }
    return null;
  }

  private static int line(Optional<Mark> mark) {
    return mark.orElseThrow().getLine();
  }
}
