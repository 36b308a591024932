package io.stellwerk.editor.yaml;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where one topology node stands in the original text, in whole lines. A node's range runs from its
 * first line (leading comments and blank lines included) to its last content line; its own part
 * ends at its {@code children:} line, after which its children's ranges follow back to back.
 */
final class SourceNode {

  /** A scalar's place: 0-based line and the columns it spans on that line. */
  record Span(int line, int start, int end) {}

  String id;
  int firstLine;
  int keyLine;
  int indent;
  int childrenKeyLine = -1;
  int lastLine;

  /** Whether the own part can be patched in place (see {@link SourceTree} for the conditions). */
  boolean patchable = true;

  final Map<String, Span> scalars = new HashMap<>();
  final List<SourceNode> children = new ArrayList<>();

  /** The line after the own part: the children line, or the line after the last one. */
  int ownEnd() {
    return childrenKeyLine >= 0 ? childrenKeyLine : lastLine + 1;
  }
}
