package io.stellwerk.editor.canvas;

import io.stellwerk.editor.document.TopologyDocument;
import io.stellwerk.node.topology.Problem;
import io.stellwerk.node.topology.Topology;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.collections.ListChangeListener;
import javafx.css.CssMetaData;
import javafx.css.Styleable;
import javafx.css.StyleableObjectProperty;
import javafx.css.StyleablePropertyFactory;
import javafx.geometry.Insets;
import javafx.geometry.Point2D;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Background;
import javafx.scene.layout.BackgroundFill;
import javafx.scene.layout.CornerRadii;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;

/**
 * The topology drawn as a tree ({@link GraphPainter}): zoom (wheel), pan (drag the background), fit
 * to window, selection (click; Ctrl or Shift adds) and re-parenting by dragging a node onto another
 * ({@link DragGesture}). Nothing here changes the model except through the document's commands.
 *
 * <p>Every change of the document, its selection, its problems or its colours asks for a paint; the
 * paint happens once, after the layout pass of the next pulse, however many changes came before it.
 * A drag paints nothing: the drop target's outline and the drag's label are shapes over the graph,
 * in the scene only while they show, so moving them redraws only the pixels they leave and enter.
 * The background is an opaque fill of this region, so the renderer starts its repaints here instead
 * of painting the panes behind it too. The colours are CSS properties of the {@code graph-canvas}
 * style class, so a stylesheet (a theme) sets them, typically from its looked-up colours: {@code
 * -stw-graph-background}, {@code -stw-graph-edge}, {@code -stw-graph-node-fill}, {@code
 * -stw-graph-node-border}, {@code -stw-graph-pair-fill}, {@code -stw-graph-pair-border}, {@code
 * -stw-graph-text}, {@code -stw-graph-selection}, {@code -stw-graph-drop-allowed}, {@code
 * -stw-graph-drop-forbidden}. Without a stylesheet they have light defaults.
 */
public final class GraphCanvas extends Region {

  private static final double DROP_MARK_MIN = 14;

  /** How a node is marked while another is dragged over it. */
  public enum DropState {
    NONE,
    ALLOWED,
    FORBIDDEN
  }

  private static final StyleablePropertyFactory<GraphCanvas> CSS =
      new StyleablePropertyFactory<>(Region.getClassCssMetaData());

  private final StyleableObjectProperty<Color> background =
      colour("background", "#ffffff", c -> c.background);
  private final StyleableObjectProperty<Color> edge = colour("edge", "#8c959f", c -> c.edge);
  private final StyleableObjectProperty<Color> nodeFill =
      colour("node-fill", "#ddf4ff", c -> c.nodeFill);
  private final StyleableObjectProperty<Color> nodeBorder =
      colour("node-border", "#0969da", c -> c.nodeBorder);
  private final StyleableObjectProperty<Color> pairFill =
      colour("pair-fill", "#fff8c5", c -> c.pairFill);
  private final StyleableObjectProperty<Color> pairBorder =
      colour("pair-border", "#9a6700", c -> c.pairBorder);
  private final StyleableObjectProperty<Color> text = colour("text", "#1f2328", c -> c.text);
  private final StyleableObjectProperty<Color> selection =
      colour("selection", "#bf3989", c -> c.selection);
  private final StyleableObjectProperty<Color> dropAllowed =
      colour("drop-allowed", "#1a7f37", c -> c.dropAllowed);
  private final StyleableObjectProperty<Color> dropForbidden =
      colour("drop-forbidden", "#cf222e", c -> c.dropForbidden);

  private final TopologyDocument document;
  private final GraphPainter painter = new GraphPainter();
  private final Rectangle dropMark = new Rectangle();
  // The drag's marks while they show (a group of their own: a change of this region's own children
  // repaints all of it).
  private final Group overlay = new Group();
  private final Rectangle clip = new Rectangle();
  private final DragGesture drag;
  private final Runnable paintAfterLayout = this::paintAfterLayout;
  private Scene paintScene;
  private TreeLayout layout;
  private double tx;
  private double ty;
  private double zoom = 1;
  private boolean fitted;
  private double paintedWidth;
  private double paintedHeight;
  private Point2D panStart;

  /** A canvas showing the document. */
  public GraphCanvas(TopologyDocument document) {
    this.document = document;
    getStyleClass().add("graph-canvas");
    setId("graph-canvas");
    this.drag = new DragGesture(this, document);
    dropMark.getStyleClass().add("drop-mark");
    dropMark.setManaged(false);
    dropMark.setMouseTransparent(true);
    dropMark.setFill(Color.TRANSPARENT);
    dropMark.setStrokeWidth(2.5);
    dropMark.getStrokeDashArray().setAll(6.0, 4.0);
    dropMark.setArcWidth(12);
    dropMark.setArcHeight(12);
    overlay.setManaged(false);
    overlay.setMouseTransparent(true);
    getChildren().addAll(painter.view(), overlay);
    clip.widthProperty().bind(widthProperty());
    clip.heightProperty().bind(heightProperty());
    setClip(clip);
    setMinSize(0, 0);
    setPrefSize(800, 600);
    document.stateProperty().addListener((obs, old, s) -> relayout());
    document.selection().ids().addListener((ListChangeListener<String>) c -> repaint());
    document.problems().addListener((ListChangeListener<Problem>) c -> repaint());
    addEventHandler(ScrollEvent.SCROLL, this::onScroll);
    addEventHandler(MouseEvent.MOUSE_PRESSED, this::onPress);
    addEventHandler(MouseEvent.MOUSE_DRAGGED, this::onDrag);
    addEventHandler(MouseEvent.MOUSE_RELEASED, this::onRelease);
    sceneProperty().addListener((o, a, b) -> repaint());
    for (StyleableObjectProperty<Color> c : colours()) {
      c.addListener((o, a, b) -> repaint());
    }
    background.addListener((o, a, b) -> setBackground(opaque(b)));
    setBackground(opaque(background.get()));
    relayout();
  }

  private static Background opaque(Color c) {
    return new Background(new BackgroundFill(c, CornerRadii.EMPTY, Insets.EMPTY));
  }

  private StyleableObjectProperty<Color> colour(
      String name,
      String initial,
      java.util.function.Function<GraphCanvas, javafx.css.StyleableProperty<Color>> property) {
    return (StyleableObjectProperty<Color>)
        CSS.createStyleableColorProperty(
            this, name, "-stw-graph-" + name, property, Color.web(initial));
  }

  private List<StyleableObjectProperty<Color>> colours() {
    return List.of(
        background,
        edge,
        nodeFill,
        nodeBorder,
        pairFill,
        pairBorder,
        text,
        selection,
        dropAllowed,
        dropForbidden);
  }

  /** The CSS properties of the canvas: its colours besides those of a region. */
  public static List<CssMetaData<? extends Styleable, ?>> getClassCssMetaData() {
    return CSS.getCssMetaData();
  }

  @Override
  public List<CssMetaData<? extends Styleable, ?>> getCssMetaData() {
    return getClassCssMetaData();
  }

  /** The background colour the graph is painted on now (set by CSS). */
  public Color backgroundColour() {
    return background.get();
  }

  /** The fill of a single node's box now (set by CSS). */
  public Color nodeFillColour() {
    return nodeFill.get();
  }

  /** The colour of captions now (set by CSS). */
  public Color textColour() {
    return text.get();
  }

  private Palette palette() {
    return new Palette(
        background.get(),
        edge.get(),
        nodeFill.get(),
        nodeBorder.get(),
        pairFill.get(),
        pairBorder.get(),
        text.get(),
        selection.get(),
        dropForbidden.get());
  }

  private void relayout() {
    Topology t = document.topology();
    layout = t == null ? null : TreeLayout.of(t);
    repaint();
  }

  /**
   * Asks for a paint after the next layout pass. Several changes in one event (an edit moves the
   * selection and the problems follow) cost one paint.
   */
  void repaint() {
    Scene scene = getScene();
    if (paintScene == scene) {
      return;
    }
    if (paintScene != null) {
      paintScene.removePostLayoutPulseListener(paintAfterLayout);
    }
    paintScene = scene;
    if (scene != null) {
      scene.addPostLayoutPulseListener(paintAfterLayout);
      Platform.requestNextPulse();
    }
  }

  private void paintAfterLayout() {
    if (paintScene != null) {
      paintScene.removePostLayoutPulseListener(paintAfterLayout);
      paintScene = null;
    }
    paint();
  }

  /**
   * Outlines the node the drag is over, green if the drop is allowed and red if not, or hides the
   * outline when the drag is over no node or has ended. At least {@value #DROP_MARK_MIN} pixels
   * wide and high, so it shows at any zoom.
   */
  void markDropTarget() {
    String target = drag.target();
    Point2D c = target == null || layout == null ? null : layout.centre(target);
    if (c == null) {
      hideOverlay(dropMark);
      return;
    }
    double w = Math.max(DROP_MARK_MIN, GraphPainter.WIDTH * zoom + 6);
    double h = Math.max(DROP_MARK_MIN, GraphPainter.HEIGHT * zoom + 6);
    dropMark.setX(tx + c.getX() * zoom - w / 2);
    dropMark.setY(ty + c.getY() * zoom - h / 2);
    dropMark.setWidth(w);
    dropMark.setHeight(h);
    dropMark.setStroke(drag.allowed() ? dropAllowed.get() : dropForbidden.get());
    if (dropMark.getParent() == null) {
      // Under the drag's label if that shows.
      overlay.getChildren().add(0, dropMark);
    }
  }

  /**
   * Shows a mark of the drag gesture over the graph (on top of what shows already). The drag's
   * marks are in the scene only while they show: the renderer repaints a shape's old place with its
   * new one, as one rectangle around both, and a mark kept hidden where the last drag left it (or
   * in the corner) made the first drag event of the next drag repaint everything between there and
   * the pressed node (most of a 500-node overview, some 8 ms of software rendering). Added, a mark
   * repaints only where it shows; removed, only where it was.
   */
  void showOverlay(Node mark) {
    if (mark.getParent() == null) {
      overlay.getChildren().add(mark);
      // Styled now, so that it can be sized before the next pulse's CSS pass.
      mark.applyCss();
    }
  }

  /** Takes a mark of the drag gesture off the graph. */
  void hideOverlay(Node mark) {
    overlay.getChildren().remove(mark);
  }

  /** Paints the current state now: one pass over the visible nodes. */
  private void paint() {
    Set<String> troubled = new HashSet<>();
    document.problems().forEach(p -> troubled.add(p.nodeId()));
    painter.paint(
        layout == null ? null : document.topology(),
        layout,
        getWidth(),
        getHeight(),
        tx,
        ty,
        zoom,
        palette(),
        new GraphPainter.Marks(Set.copyOf(document.selection().ids()), troubled));
    markDropTarget();
  }

  @Override
  protected void layoutChildren() {
    if (paintedWidth != getWidth() || paintedHeight != getHeight()) {
      paintedWidth = getWidth();
      paintedHeight = getHeight();
      if (!fitted && getWidth() > 0 && getHeight() > 0) {
        fitted = true;
        fitToWindow();
      }
      repaint();
    }
  }

  /** The node drawn under a point of this canvas, or {@code null}. */
  public String nodeAt(Point2D local) {
    if (layout == null) {
      return null;
    }
    return layout.within(
        (local.getX() - tx) / zoom,
        (local.getY() - ty) / zoom,
        GraphPainter.WIDTH / 2,
        GraphPainter.HEIGHT / 2);
  }

  /** Where a node's centre is drawn, in this canvas's coordinates. */
  public Point2D localCentre(String id) {
    Point2D c = layout.centre(id);
    return new Point2D(tx + c.getX() * zoom, ty + c.getY() * zoom);
  }

  /** Where a node's centre is drawn, in screen coordinates (for tests and tooltips). */
  public Point2D screenCentre(String id) {
    return localToScreen(localCentre(id));
  }

  /** How a node is marked by the drag in progress. */
  public DropState dropState(String id) {
    if (!id.equals(drag.target())) {
      return DropState.NONE;
    }
    return drag.allowed() ? DropState.ALLOWED : DropState.FORBIDDEN;
  }

  /** What dropping the dragged node here would do; empty when nothing is dragged. */
  public ReadOnlyStringProperty dragFeedbackProperty() {
    return drag.feedbackProperty();
  }

  /** The current zoom factor (1 = 100 %). */
  public double zoomFactor() {
    return zoom;
  }

  /** Zooms by a factor around a point of the canvas. */
  public void zoomBy(double factor, Point2D around) {
    double s = Math.max(0.01, Math.min(4, zoom * factor));
    double k = s / zoom;
    tx = around.getX() - (around.getX() - tx) * k;
    ty = around.getY() - (around.getY() - ty) * k;
    zoom = s;
    repaint();
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
    zoom =
        Math.min(
            1.5,
            Math.min(getWidth() / (layout.width() + 40), getHeight() / (layout.height() + 40)));
    tx = (getWidth() - layout.width() * zoom) / 2;
    ty = (getHeight() - layout.height() * zoom) / 2;
    repaint();
  }

  /** Finds a node by id: selects it and centres it. False if there is no such node. */
  public boolean reveal(String id) {
    if (layout == null || layout.centre(id) == null) {
      return false;
    }
    document.selection().select(id);
    Point2D c = layout.centre(id);
    tx = getWidth() / 2 - c.getX() * zoom;
    ty = getHeight() / 2 - c.getY() * zoom;
    repaint();
    return true;
  }

  private void onScroll(ScrollEvent e) {
    if (e.getDeltaY() != 0) {
      zoomBy(e.getDeltaY() > 0 ? 1.1 : 1 / 1.1, new Point2D(e.getX(), e.getY()));
    }
    e.consume();
  }

  private void onPress(MouseEvent e) {
    requestFocus();
    if (e.getButton() != MouseButton.PRIMARY) {
      return;
    }
    String id = nodeAt(new Point2D(e.getX(), e.getY()));
    if (id != null) {
      panStart = null;
      // Pressing a node selects it (the properties show what is being dragged); with a modifier
      // the click toggles it on release instead.
      if (!e.isShortcutDown() && !e.isShiftDown() && !document.selection().ids().contains(id)) {
        document.selection().select(id);
      }
      drag.pressed(id, e);
    } else {
      panStart = new Point2D(e.getX() - tx, e.getY() - ty);
      if (!e.isShortcutDown() && !e.isShiftDown()) {
        document.selection().clear();
      }
    }
  }

  private void onDrag(MouseEvent e) {
    if (panStart != null) {
      tx = e.getX() - panStart.getX();
      ty = e.getY() - panStart.getY();
      repaint();
    } else {
      drag.dragged(e);
    }
  }

  private void onRelease(MouseEvent e) {
    if (panStart == null) {
      drag.released(e);
    }
    panStart = null;
  }
}
