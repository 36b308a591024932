package io.stellwerk.editor.canvas;

import io.stellwerk.editor.document.TopologyDocument;
import io.stellwerk.node.topology.Problem;
import io.stellwerk.node.topology.Topology;
import io.stellwerk.node.topology.TopologyNode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import javafx.collections.ListChangeListener;
import javafx.geometry.Point2D;
import javafx.scene.Group;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;
import javafx.scene.shape.LineTo;
import javafx.scene.shape.MoveTo;
import javafx.scene.shape.Path;
import javafx.scene.shape.Rectangle;
import javafx.scene.transform.Scale;
import javafx.scene.transform.Translate;

/**
 * The topology drawn as a tree: one glyph per node, orthogonal edges, zoom (wheel), pan (drag the
 * background), fit to window, selection (click, Ctrl/Shift-click to add) and drag a node onto
 * another to re-parent it ({@link DragGesture}). Glyphs are kept per id across edits, so an edit
 * only moves and relabels what is already there.
 */
public final class GraphCanvas extends Region {

  private final TopologyDocument document;
  private final Group world = new Group();
  private final Path edges = new Path();
  private final Group glyphLayer = new Group();
  private final Map<String, NodeGlyph> glyphs = new HashMap<>();
  private final Translate pan = new Translate();
  private final Scale zoom = new Scale(1, 1);
  private final DragGesture drag;
  private TreeLayout layout;
  private Point2D panStart;

  /** A canvas showing the document; it follows every change of its state and selection. */
  public GraphCanvas(TopologyDocument document) {
    this.document = document;
    getStyleClass().add("graph-canvas");
    edges.getStyleClass().add("graph-edges");
    edges.setMouseTransparent(true);
    world.getChildren().addAll(edges, glyphLayer);
    world.getTransforms().addAll(pan, zoom);
    this.drag = new DragGesture(this, document);
    getChildren().addAll(world, drag.ghost());
    Rectangle clip = new Rectangle();
    clip.widthProperty().bind(widthProperty());
    clip.heightProperty().bind(heightProperty());
    setClip(clip);
    document.stateProperty().addListener((obs, old, s) -> refresh());
    document.selection().ids().addListener((ListChangeListener<String>) c -> paintStates());
    document.problems().addListener((ListChangeListener<Problem>) c -> paintStates());
    // Fit the tree once, as soon as the canvas first has a size.
    widthProperty()
        .addListener(
            (o, was, now) -> {
              if (was.doubleValue() <= 0 && now.doubleValue() > 0 && getHeight() > 0) {
                fitToWindow();
              }
            });
    heightProperty()
        .addListener(
            (o, was, now) -> {
              if (was.doubleValue() <= 0 && now.doubleValue() > 0 && getWidth() > 0) {
                fitToWindow();
              }
            });
    addEventHandler(ScrollEvent.SCROLL, this::onScroll);
    addEventHandler(MouseEvent.MOUSE_PRESSED, this::onBackgroundPress);
    addEventHandler(MouseEvent.MOUSE_DRAGGED, this::onBackgroundDrag);
    refresh();
  }

  /** Re-lays out the tree and updates the glyphs after the model changed. */
  void refresh() {
    Topology t = document.topology();
    if (t == null) {
      glyphLayer.getChildren().clear();
      glyphs.clear();
      edges.getElements().clear();
      return;
    }
    layout = TreeLayout.of(t);
    Set<String> alive = new HashSet<>();
    for (TopologyNode n : t.nodes()) {
      alive.add(n.id());
      NodeGlyph g = glyphs.computeIfAbsent(n.id(), id -> newGlyph());
      g.show(n);
      Point2D c = layout.centre(n.id());
      g.relocate(c.getX() - NodeGlyph.WIDTH / 2, c.getY() - NodeGlyph.HEIGHT / 2);
    }
    glyphs
        .entrySet()
        .removeIf(
            e -> {
              if (!alive.contains(e.getKey())) {
                glyphLayer.getChildren().remove(e.getValue());
                return true;
              }
              return false;
            });
    drawEdges(t.root());
    paintStates();
  }

  private NodeGlyph newGlyph() {
    NodeGlyph g = new NodeGlyph();
    drag.attach(g);
    glyphLayer.getChildren().add(g);
    return g;
  }

  private void drawEdges(TopologyNode root) {
    edges.getElements().clear();
    addEdges(root);
  }

  private void addEdges(TopologyNode n) {
    Point2D p = layout.centre(n.id());
    for (TopologyNode c : n.children()) {
      Point2D q = layout.centre(c.id());
      double midY = (p.getY() + q.getY()) / 2;
      edges
          .getElements()
          .addAll(
              new MoveTo(p.getX(), p.getY() + NodeGlyph.HEIGHT / 2),
              new LineTo(p.getX(), midY),
              new LineTo(q.getX(), midY),
              new LineTo(q.getX(), q.getY() - NodeGlyph.HEIGHT / 2));
      addEdges(c);
    }
  }

  private void paintStates() {
    Set<String> selected = new HashSet<>(document.selection().ids());
    Set<String> troubled = new HashSet<>();
    document.problems().forEach(p -> troubled.add(p.nodeId()));
    glyphs.forEach(
        (id, g) -> {
          g.pseudoClassStateChanged(NodeGlyph.SELECTED, selected.contains(id));
          g.pseudoClassStateChanged(NodeGlyph.PROBLEM, troubled.contains(id));
        });
  }

  /** The node whose glyph is under a point in this canvas's coordinates, or {@code null}. */
  String nodeAt(Point2D local) {
    if (layout == null) {
      return null;
    }
    Point2D w = toWorld(local);
    for (NodeGlyph g : glyphs.values()) {
      if (g.getBoundsInParent().contains(w)) {
        return g.nodeId();
      }
    }
    return null;
  }

  NodeGlyph glyph(String id) {
    return glyphs.get(id);
  }

  private Point2D toWorld(Point2D local) {
    return new Point2D(
        (local.getX() - pan.getX()) / zoom.getX(), (local.getY() - pan.getY()) / zoom.getY());
  }

  /** What dropping the dragged node here would do; empty when nothing is dragged. */
  public javafx.beans.property.ReadOnlyStringProperty dragFeedbackProperty() {
    return drag.feedbackProperty();
  }

  /** The current zoom factor (1 = 100 %). */
  public double zoomFactor() {
    return zoom.getX();
  }

  /** Zooms by a factor around a point of the canvas. */
  public void zoomBy(double factor, Point2D around) {
    double s = Math.max(0.05, Math.min(4, zoom.getX() * factor));
    double k = s / zoom.getX();
    pan.setX(around.getX() - (around.getX() - pan.getX()) * k);
    pan.setY(around.getY() - (around.getY() - pan.getY()) * k);
    zoom.setX(s);
    zoom.setY(s);
  }

  /** Zooms by a factor around the centre of the canvas. */
  public void zoomBy(double factor) {
    zoomBy(factor, new Point2D(getWidth() / 2, getHeight() / 2));
  }

  /** Scales and centres the whole tree into the visible area. */
  public void fitToWindow() {
    if (layout == null || getWidth() <= 0 || getHeight() <= 0) {
      return;
    }
    double s =
        Math.min(
            1.5,
            Math.min(getWidth() / (layout.width() + 40), getHeight() / (layout.height() + 40)));
    zoom.setX(s);
    zoom.setY(s);
    pan.setX((getWidth() - layout.width() * s) / 2);
    pan.setY((getHeight() - layout.height() * s) / 2);
  }

  /** Finds a node by id: selects it and centres it. False if there is no such node. */
  public boolean reveal(String id) {
    if (layout == null || layout.centre(id) == null) {
      return false;
    }
    document.selection().select(id);
    Point2D c = layout.centre(id);
    pan.setX(getWidth() / 2 - c.getX() * zoom.getX());
    pan.setY(getHeight() / 2 - c.getY() * zoom.getY());
    return true;
  }

  private void onScroll(ScrollEvent e) {
    if (e.getDeltaY() != 0) {
      zoomBy(e.getDeltaY() > 0 ? 1.1 : 1 / 1.1, new Point2D(e.getX(), e.getY()));
    }
    e.consume();
  }

  private void onBackgroundPress(MouseEvent e) {
    if (e.getButton() == MouseButton.PRIMARY && e.getTarget() == this) {
      panStart = new Point2D(e.getX() - pan.getX(), e.getY() - pan.getY());
      if (!e.isShortcutDown() && !e.isShiftDown()) {
        document.selection().clear();
      }
      requestFocus();
    } else {
      panStart = null;
    }
  }

  private void onBackgroundDrag(MouseEvent e) {
    if (panStart != null && !drag.active()) {
      pan.setX(e.getX() - panStart.getX());
      pan.setY(e.getY() - panStart.getY());
    }
  }

  @Override
  protected void layoutChildren() {
    // The world is positioned by its transforms, not by layout.
  }
}
