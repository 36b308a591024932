package io.stellwerk.editor.canvas;

import io.stellwerk.node.topology.Topology;
import io.stellwerk.node.topology.TopologyNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.geometry.Point2D;
import javafx.geometry.Rectangle2D;
import javafx.geometry.VPos;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.paint.Color;
import javafx.scene.shape.SVGPath;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.scene.transform.Affine;

/**
 * Draws the tree with a handful of shapes, whatever its size: every edge is in one path, every
 * single node's box in another, the pairs' boxes and the bars joining their peers in two more; each
 * selected node's mark is a shape of its own, so that selecting another node repaints the two
 * boxes' pixels and not the whole area between them (one shape for all marks made a click on a node
 * at one end of a 500-node overview, after one at the other, rasterise the strip of the graph
 * between the two again, edges and boxes: 4–14 ms of software rendering against 1–3); captions are
 * text nodes for the nodes in view, only when they are large enough to read. The paths are given as
 * SVG path data ({@link PathData}), not as path element objects: an overview of 500 nodes has some
 * 2,500 segments, drawn anew after every edit. The scene graph stays tiny (no CSS or layout pass
 * per node), and JavaFX's software renderer rasterises the shapes straight into the frame: a {@code
 * Canvas} of the same picture was first drawn into a texture and then blended into the frame, two
 * passes over the whole area that kept the render thread busy for some 20 ms per repaint of a
 * 500-node overview.
 *
 * <p>The shapes are in the layout's world coordinates; one transform places them in the view (zoom
 * and pan), so line widths scale with the zoom as the boxes do. Nodes outside the view are left
 * out. Below {@value #OVERVIEW} zoom a box is a few pixels wide: its rounded corners, its outline
 * and its light fill would be lost in a pixel, so each peer is a plain rectangle in its border
 * colour, and the selection a plain rectangle too (an overview then uses no arcs at all: the first
 * arc drawn in a JVM loads and runs JavaFX's arc code for the first time, some 5 ms, which fell on
 * the first drop of a drag).
 */
final class GraphPainter {

  static final double WIDTH = 120;
  static final double HEIGHT = 56;
  private static final double BOX_H = 20;
  private static final double ARC = 8;
  private static final double OVERVIEW = 0.25;
  private static final double CAPTIONS = 0.45;
  private static final Font CAPTION = Font.font("System", 12);
  private static final Font CAPTION_BOLD = Font.font("System", FontWeight.BOLD, 12);

  /** A node in view and where its centre is, in world coordinates. */
  private record Placed(TopologyNode node, Point2D centre) {}

  /** What the view shows besides the tree itself. */
  record Marks(Set<String> selected, Set<String> troubled) {}

  private final Affine place = new Affine();
  private final SVGPath edges = new SVGPath();
  private final Group selection = new Group();
  private final Map<String, SVGPath> selectionMarks = new HashMap<>();
  private final SVGPath singles = new SVGPath();
  private final SVGPath pairs = new SVGPath();
  private final SVGPath bars = new SVGPath();
  private final PathData data = new PathData();
  private final PathData pairData = new PathData();
  private final PathData barData = new PathData();
  private final Group captions = new Group();
  private final Group world = new Group(edges, selection, singles, pairs, bars, captions);

  GraphPainter() {
    world.getTransforms().add(place);
    world.setMouseTransparent(true);
    world.setManaged(false);
    edges.setFill(null);
    edges.setStrokeWidth(1.5);
    bars.setFill(null);
    bars.setStrokeWidth(3);
    selectionShape();
    selectionShape();
  }

  /** The shapes, to be put into the view once. */
  Node view() {
    return world;
  }

  /** Shows the topology (none if {@code t} is null) in a view of {@code w} by {@code h}. */
  void paint(
      Topology t,
      TreeLayout layout,
      double w,
      double h,
      double tx,
      double ty,
      double zoom,
      Palette p,
      Marks marks) {
    place.setToTransform(zoom, 0, tx, 0, zoom, ty);
    List<Placed> visible = new ArrayList<>();
    data.clear();
    if (t != null) {
      Rectangle2D view = new Rectangle2D(-tx / zoom, -ty / zoom, w / zoom, h / zoom);
      for (TopologyNode n : t.nodes()) {
        Point2D c = layout.centre(n.id());
        if (view.intersects(c.getX() - WIDTH / 2, c.getY() - HEIGHT / 2, WIDTH, HEIGHT)) {
          visible.add(new Placed(n, c));
        }
      }
      edges(data, t.root(), layout, view);
    }
    edges.setStroke(p.edge());
    edges.setContent(data.toString());

    boolean overview = zoom < OVERVIEW;
    selectionMarks(visible, overview, p, marks.selected());

    PathData single = data.clear();
    PathData pair = pairData.clear();
    PathData bar = barData.clear();
    for (Placed v : visible) {
      TopologyNode n = v.node();
      double cx = v.centre().getX();
      double top = v.centre().getY() - HEIGHT / 2 + 6;
      if (overview) {
        double width = n.isPair() ? 74 : 64;
        (n.isPair() ? pair : single).rect(cx - width / 2, top, width, BOX_H);
      } else if (n.isPair()) {
        pair.roundRect(cx - 37, top, 30, BOX_H, ARC / 2);
        pair.roundRect(cx + 7, top, 30, BOX_H, ARC / 2);
        bar.moveTo(cx - 7, top + BOX_H / 2).horizontalTo(cx + 7);
      } else {
        single.roundRect(cx - 32, top, 64, BOX_H, ARC / 2);
      }
    }
    style(singles, overview ? p.nodeBorder() : p.node(), overview ? null : p.nodeBorder());
    style(pairs, overview ? p.pairBorder() : p.pair(), overview ? null : p.pairBorder());
    singles.setContent(single.toString());
    pairs.setContent(pair.toString());
    bars.setStroke(p.pairBorder());
    bars.setContent(bar.toString());

    captions(zoom >= CAPTIONS ? visible : List.of(), p, marks);
  }

  /**
   * One mark per selected node in view. A mark whose node stays selected keeps its shape (unchanged
   * unless the layout moved it); a node newly selected takes a shape that was empty at the last
   * paint, so that the renderer repaints only where the mark appears; a mark whose node is no
   * longer selected or in view is emptied, which repaints only where it was. Shapes are added only
   * when none is free (two exist from the start, enough for a single selection moving from node to
   * node), never removed: a shape added or removed after the layout pass made JavaFX run one more
   * pulse, which repainted the whole window.
   */
  private void selectionMarks(
      List<Placed> visible, boolean overview, Palette p, Set<String> selected) {
    Color fill = p.selected().deriveColor(0, 0.35, 1.6, 0.35);
    Map<String, SVGPath> before = new HashMap<>(selectionMarks);
    selectionMarks.clear();
    List<Placed> added = new ArrayList<>();
    for (Placed v : visible) {
      String id = v.node().id();
      if (!selected.contains(id)) {
        continue;
      }
      SVGPath kept = before.remove(id);
      if (kept == null) {
        added.add(v);
      } else {
        mark(kept, v, overview, fill, p.selected());
        selectionMarks.put(id, kept);
      }
    }
    Set<SVGPath> taken = new HashSet<>(selectionMarks.values());
    taken.addAll(before.values());
    List<SVGPath> free = new ArrayList<>();
    for (Node n : selection.getChildren()) {
      if (!taken.contains(n)) {
        free.add((SVGPath) n);
      }
    }
    for (Placed v : added) {
      SVGPath shape;
      if (free.isEmpty()) {
        shape = selectionShape();
        // Styled at once: this runs after the pulse's CSS pass.
        shape.applyCss();
      } else {
        shape = free.remove(free.size() - 1);
      }
      mark(shape, v, overview, fill, p.selected());
      selectionMarks.put(v.node().id(), shape);
    }
    for (SVGPath gone : before.values()) {
      gone.setContent("");
    }
  }

  private SVGPath selectionShape() {
    SVGPath shape = new SVGPath();
    shape.getStyleClass().add("selection-mark");
    shape.setStrokeWidth(2);
    selection.getChildren().add(shape);
    return shape;
  }

  private void mark(SVGPath shape, Placed v, boolean overview, Color fill, Color stroke) {
    Point2D c = v.centre();
    double x = c.getX() - WIDTH / 2;
    double y = c.getY() - HEIGHT / 2;
    data.clear();
    if (overview) {
      data.rect(x, y, WIDTH, HEIGHT);
    } else {
      data.roundRect(x, y, WIDTH, HEIGHT, 6);
    }
    shape.setContent(data.toString());
    // Colours are set only when they differ: a new but equal colour would repaint the mark.
    if (!fill.equals(shape.getFill())) {
      shape.setFill(fill);
    }
    if (!stroke.equals(shape.getStroke())) {
      shape.setStroke(stroke);
    }
  }

  private static void style(SVGPath path, Color fill, Color border) {
    path.setFill(fill);
    path.setStroke(border);
    path.setStrokeWidth(1);
  }

  /** Adds every edge below {@code n} that crosses the view. */
  private static void edges(PathData out, TopologyNode n, TreeLayout layout, Rectangle2D view) {
    Point2D a = layout.centre(n.id());
    for (TopologyNode c : n.children()) {
      Point2D b = layout.centre(c.id());
      double top = a.getY() + HEIGHT / 2;
      double bottom = b.getY() - HEIGHT / 2;
      double mid = (top + bottom) / 2;
      double left = Math.min(a.getX(), b.getX());
      if (view.intersects(left, top, Math.abs(a.getX() - b.getX()) + 1, bottom - top)) {
        out.moveTo(a.getX(), top).verticalTo(mid).horizontalTo(b.getX()).verticalTo(bottom);
      }
      edges(out, c, layout, view);
    }
  }

  /**
   * One caption under each node in view: its id's last segment, bold and red when the node has a
   * problem, squeezed to the box's width when longer. The text nodes are kept and reused.
   */
  private void captions(List<Placed> visible, Palette p, Marks m) {
    List<Node> pool = captions.getChildren();
    while (pool.size() < visible.size()) {
      Text text = new Text();
      text.setTextOrigin(VPos.BOTTOM);
      pool.add(text);
    }
    double room = WIDTH - 8;
    for (int i = 0; i < pool.size(); i++) {
      Text text = (Text) pool.get(i);
      if (i >= visible.size()) {
        text.setVisible(false);
        continue;
      }
      String id = visible.get(i).node().id();
      boolean troubled = m.troubled().contains(id);
      text.setVisible(true);
      text.setText(id.substring(id.lastIndexOf('.') + 1));
      text.setFont(troubled ? CAPTION_BOLD : CAPTION);
      text.setFill(troubled ? p.forbidden() : p.text());
      Point2D c = visible.get(i).centre();
      double width = text.getLayoutBounds().getWidth();
      text.setX(c.getX() - width / 2);
      text.setY(c.getY() + HEIGHT / 2 - 6);
      text.setScaleX(width > room ? room / width : 1);
    }
  }
}
