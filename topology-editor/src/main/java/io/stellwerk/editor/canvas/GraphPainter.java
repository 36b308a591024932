package io.stellwerk.editor.canvas;

import io.stellwerk.node.topology.Topology;
import io.stellwerk.node.topology.TopologyNode;
import java.util.Set;
import javafx.geometry.Point2D;
import javafx.geometry.Rectangle2D;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;

/**
 * Paints the tree onto one canvas. One canvas instead of a node per glyph keeps opening a 500-node
 * topology within a few frames: the scene graph stays tiny, so there is no CSS or layout pass per
 * node. Nodes outside the view are skipped, and captions are left out when they would be too small
 * to read.
 */
final class GraphPainter {

  static final double WIDTH = 120;
  static final double HEIGHT = 56;
  private static final double BOX_H = 20;
  private static final Font CAPTION = Font.font("System", 12);
  private static final Font CAPTION_BOLD = Font.font("System", FontWeight.BOLD, 12);

  /** What the canvas shows besides the tree itself. */
  record Marks(
      Set<String> selected, Set<String> troubled, String dropTarget, boolean dropAllowed) {}

  private GraphPainter() {}

  /** The box a node occupies in world coordinates. */
  static Rectangle2D box(Point2D centre) {
    return new Rectangle2D(centre.getX() - WIDTH / 2, centre.getY() - HEIGHT / 2, WIDTH, HEIGHT);
  }

  static void paint(
      GraphicsContext g,
      double w,
      double h,
      Topology t,
      TreeLayout layout,
      double tx,
      double ty,
      double zoom,
      Palette p,
      Marks marks) {
    g.setTransform(1, 0, 0, 1, 0, 0);
    g.setFill(p.background());
    g.fillRect(0, 0, w, h);
    if (t == null) {
      return;
    }
    g.setTransform(zoom, 0, 0, zoom, tx, ty);
    Rectangle2D view = new Rectangle2D(-tx / zoom, -ty / zoom, w / zoom, h / zoom);
    g.setStroke(p.edge());
    g.setLineWidth(1.5);
    g.setLineDashes();
    edges(g, t.root(), layout, view);
    boolean captions = zoom >= 0.45;
    g.setTextAlign(TextAlignment.CENTER);
    g.setTextBaseline(VPos.BOTTOM);
    for (TopologyNode n : t.nodes()) {
      Point2D c = layout.centre(n.id());
      Rectangle2D b = box(c);
      if (b.intersects(view)) {
        node(g, n, b, p, marks, captions);
      }
    }
  }

  private static void edges(
      GraphicsContext g, TopologyNode n, TreeLayout layout, Rectangle2D view) {
    Point2D a = layout.centre(n.id());
    for (TopologyNode c : n.children()) {
      Point2D b = layout.centre(c.id());
      double top = a.getY() + HEIGHT / 2;
      double bottom = b.getY() - HEIGHT / 2;
      double mid = (top + bottom) / 2;
      double left = Math.min(a.getX(), b.getX());
      if (view.intersects(left, top, Math.abs(a.getX() - b.getX()) + 1, bottom - top)) {
        g.strokeLine(a.getX(), top, a.getX(), mid);
        g.strokeLine(a.getX(), mid, b.getX(), mid);
        g.strokeLine(b.getX(), mid, b.getX(), bottom);
      }
      edges(g, c, layout, view);
    }
  }

  private static void node(
      GraphicsContext g, TopologyNode n, Rectangle2D b, Palette p, Marks m, boolean captions) {
    String id = n.id();
    if (m.selected().contains(id)) {
      g.setFill(p.selected().deriveColor(0, 0.35, 1.6, 0.35));
      g.fillRoundRect(b.getMinX(), b.getMinY(), b.getWidth(), b.getHeight(), 12, 12);
      g.setStroke(p.selected());
      g.setLineWidth(2);
      g.setLineDashes();
      g.strokeRoundRect(b.getMinX(), b.getMinY(), b.getWidth(), b.getHeight(), 12, 12);
    }
    if (id.equals(m.dropTarget())) {
      g.setStroke(m.dropAllowed() ? p.allowed() : p.forbidden());
      g.setLineWidth(2.5);
      g.setLineDashes(6, 4);
      g.strokeRoundRect(
          b.getMinX() - 3, b.getMinY() - 3, b.getWidth() + 6, b.getHeight() + 6, 14, 14);
      g.setLineDashes();
    }
    double cx = b.getMinX() + b.getWidth() / 2;
    double top = b.getMinY() + 6;
    g.setLineWidth(1);
    if (n.isPair()) {
      peer(g, cx - 37, top, 30, p.pair(), p.pairBorder());
      peer(g, cx + 7, top, 30, p.pair(), p.pairBorder());
      g.setStroke(p.pairBorder());
      g.setLineWidth(3);
      g.strokeLine(cx - 7, top + BOX_H / 2, cx + 7, top + BOX_H / 2);
    } else {
      peer(g, cx - 32, top, 64, p.node(), p.nodeBorder());
    }
    if (captions) {
      boolean troubled = m.troubled().contains(id);
      g.setFont(troubled ? CAPTION_BOLD : CAPTION);
      g.setFill(troubled ? p.forbidden() : p.text());
      g.fillText(id.substring(id.lastIndexOf('.') + 1), cx, b.getMaxY() - 6, WIDTH - 8);
    }
  }

  private static void peer(
      GraphicsContext g,
      double x,
      double y,
      double w,
      javafx.scene.paint.Color fill,
      javafx.scene.paint.Color border) {
    g.setFill(fill);
    g.fillRoundRect(x, y, w, BOX_H, 8, 8);
    g.setStroke(border);
    g.strokeRoundRect(x, y, w, BOX_H, 8, 8);
  }
}
