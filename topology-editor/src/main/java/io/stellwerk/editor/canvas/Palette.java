package io.stellwerk.editor.canvas;

import javafx.scene.paint.Color;

/**
 * The canvas's named colours, one set per theme. The graph is painted, not built from styled nodes,
 * so its colours live here rather than in CSS.
 *
 * @param background canvas background
 * @param edge parent-child connectors
 * @param node fill of a single node's box
 * @param nodeBorder border of a single node's box
 * @param pair fill of a pair's peer boxes
 * @param pairBorder border of a pair's peer boxes and the link joining them
 * @param text captions
 * @param selected selection outline and (lightened) fill
 * @param allowed drop target outline when the drop is allowed
 * @param forbidden drop target outline when it is not, and captions of nodes with problems
 */
public record Palette(
    Color background,
    Color edge,
    Color node,
    Color nodeBorder,
    Color pair,
    Color pairBorder,
    Color text,
    Color selected,
    Color allowed,
    Color forbidden) {

  /** Colours for a light theme. */
  public static final Palette LIGHT =
      new Palette(
          Color.web("#ffffff"),
          Color.web("#8c959f"),
          Color.web("#ddf4ff"),
          Color.web("#0969da"),
          Color.web("#fff8c5"),
          Color.web("#9a6700"),
          Color.web("#1f2328"),
          Color.web("#bf3989"),
          Color.web("#1a7f37"),
          Color.web("#cf222e"));

  /** Colours for a dark theme. */
  public static final Palette DARK =
      new Palette(
          Color.web("#0d1117"),
          Color.web("#6e7681"),
          Color.web("#0c2d6b"),
          Color.web("#58a6ff"),
          Color.web("#3b2300"),
          Color.web("#d29922"),
          Color.web("#e6edf3"),
          Color.web("#db61a2"),
          Color.web("#3fb950"),
          Color.web("#f85149"));
}
