package io.stellwerk.editor.canvas;

import io.stellwerk.node.topology.Topology;
import io.stellwerk.node.topology.TopologyNode;
import java.util.HashMap;
import java.util.Map;
import javafx.geometry.Point2D;

/**
 * A top-down tree layout: leaves take consecutive slots from left to right, each parent is centred
 * over its children, each level one row lower. Linear in the number of nodes, so a 500-node
 * federation lays out in well under a millisecond. Positions are node centres.
 */
public final class TreeLayout {

  /** Horizontal distance between neighbouring leaves. */
  public static final double SLOT = 150;

  /** Vertical distance between levels. */
  public static final double ROW = 110;

  private final Map<String, Point2D> centres = new HashMap<>();
  private double width;
  private double height;

  private TreeLayout() {}

  /** Lays out a topology. */
  public static TreeLayout of(Topology t) {
    TreeLayout l = new TreeLayout();
    double[] nextLeaf = {0};
    l.place(t.root(), 0, nextLeaf);
    l.width = Math.max(1, nextLeaf[0]) * SLOT;
    l.height = t.depth() * ROW;
    return l;
  }

  private double place(TopologyNode n, int level, double[] nextLeaf) {
    double x;
    if (n.children().isEmpty()) {
      x = (nextLeaf[0]++ + 0.5) * SLOT;
    } else {
      double first = 0;
      double last = 0;
      for (int i = 0; i < n.children().size(); i++) {
        double cx = place(n.children().get(i), level + 1, nextLeaf);
        if (i == 0) {
          first = cx;
        }
        last = cx;
      }
      x = (first + last) / 2;
    }
    centres.put(n.id(), new Point2D(x, (level + 0.5) * ROW));
    return x;
  }

  /** The centre of a node. */
  public Point2D centre(String id) {
    return centres.get(id);
  }

  /**
   * The node whose centre lies within {@code halfWidth} and {@code halfHeight} of ({@code x},
   * {@code y}), or {@code null}: a hit test over boxes of that size around the centres, which do
   * not overlap while they are narrower than a slot and lower than a row. Allocates nothing, as it
   * runs for every mouse event of a drag.
   */
  public String within(double x, double y, double halfWidth, double halfHeight) {
    for (Map.Entry<String, Point2D> e : centres.entrySet()) {
      Point2D c = e.getValue();
      if (Math.abs(x - c.getX()) <= halfWidth && Math.abs(y - c.getY()) <= halfHeight) {
        return e.getKey();
      }
    }
    return null;
  }

  /** The width of the whole tree. */
  public double width() {
    return width;
  }

  /** The height of the whole tree. */
  public double height() {
    return height;
  }
}
