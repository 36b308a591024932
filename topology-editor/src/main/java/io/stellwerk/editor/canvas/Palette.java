package io.stellwerk.editor.canvas;

import javafx.scene.paint.Color;

/**
 * The colours one paint of the graph uses, read from the canvas's CSS properties at that moment
 * (see {@link GraphCanvas} for their names), so the graph follows the theme's looked-up colours.
 *
 * @param background canvas background
 * @param edge parent-child connectors
 * @param node fill of a single node's box
 * @param nodeBorder border of a single node's box
 * @param pair fill of a pair's peer boxes
 * @param pairBorder border of a pair's peer boxes and the link joining them
 * @param text captions
 * @param selected selection outline and (lightened) fill
 * @param forbidden captions of nodes with problems
 */
record Palette(
    Color background,
    Color edge,
    Color node,
    Color nodeBorder,
    Color pair,
    Color pairBorder,
    Color text,
    Color selected,
    Color forbidden) {}
