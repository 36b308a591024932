package io.stellwerk.editor.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.stellwerk.editor.Examples;
import io.stellwerk.editor.canvas.GraphCanvas;
import io.stellwerk.editor.document.TopologyDocument;
import io.stellwerk.editor.model.NodeField;
import io.stellwerk.node.topology.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.service.query.PointQuery;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class EditorUiTest {

  private TopologyEditor editor;
  private TopologyDocument document;
  private final List<String> questions = new ArrayList<>();

  @Start
  void start(Stage stage) {
    document =
        TopologyDocument.open(
            "tunnel.yaml", null, Examples.text("tunnel.yaml"), Runnable::run, Runnable::run);
    editor =
        new TopologyEditor(
            document,
            (title, question) -> {
              questions.add(question);
              return true;
            });
    BorderPane pane = new BorderPane(editor.canvas());
    pane.setLeft(editor.outline());
    pane.setRight(editor.properties());
    pane.setBottom(editor.problems());
    editor.problems().setPrefHeight(120);
    stage.setScene(new Scene(pane, 1200, 760));
    stage.show();
  }

  @Test
  void draggingANodeOntoAnotherReParentsItAsOneUndoStep(FxRobot robot) throws Exception {
    Topology before = document.topology();
    var untouched = editor.outline().itemOf("root.s1.pump1");

    // The drag's marks are in the scene only while a drag shows them.
    assertThat(dragMarks()).isEmpty();
    robot.drag(glyph(robot, "root.s2"), MouseButton.PRIMARY).moveTo(glyph(robot, "root.s1.pump1"));
    assertThat(editor.canvas().dragFeedbackProperty().get())
        .isEqualTo("Move root.s2 under root.s1.pump1");
    Node ghost = editor.canvas().lookup(".drag-ghost");
    assertThat(ghost).isNotNull();
    assertThat(ghost.getLayoutBounds().getWidth()).isPositive();
    // Pressing the node selected it: the properties show what is being dragged.
    assertThat(document.selection().ids()).containsExactly("root.s2");
    assertThat(editor.canvas().dropState("root.s1.pump1")).isEqualTo(GraphCanvas.DropState.ALLOWED);
    WaitForAsyncUtils.waitForFxEvents();
    assertDropMarkAround("root.s1.pump1", ALLOWED);
    robot.drop();
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(dragMarks()).isEmpty();

    assertThat(document.topology().node("root.s1.pump1.s2")).isPresent();
    assertThat(document.topology().node("root.s2")).isEmpty();
    assertThat(document.undoTextProperty().get())
        .isEqualTo("Undo Move root.s2 under root.s1.pump1");
    assertThat(document.selection().primary()).isEqualTo("root.s1.pump1.s2");
    awaitOutline();
    assertThat(outlineIds()).isEqualTo(nodeIds());
    // Only the moved node got a new item; the others kept theirs (and their cells).
    assertThat(editor.outline().itemOf("root.s1.pump1")).isSameAs(untouched);
    assertThat(editor.outline().getSelectionModel().getSelectedItem().getValue())
        .isEqualTo("root.s1.pump1.s2");

    robot
        .clickOn(editor.canvas())
        .press(KeyCode.CONTROL, KeyCode.Z)
        .release(KeyCode.Z, KeyCode.CONTROL);
    assertThat(document.topology()).isSameAs(before);
    assertThat(document.dirtyProperty().get()).isFalse();
    // Undo brings back the selection of before the edit: the node at its old place.
    assertThat(document.selection().ids()).containsExactly("root.s2");
    awaitOutline();
    assertThat(outlineIds()).isEqualTo(nodeIds());

    robot.press(KeyCode.CONTROL, KeyCode.Y).release(KeyCode.Y, KeyCode.CONTROL);
    assertThat(document.topology().node("root.s1.pump1.s2")).isPresent();
    assertThat(document.dirtyProperty().get()).isTrue();
    awaitOutline();
    assertThat(outlineIds()).isEqualTo(nodeIds());
    assertThat(editor.outline().itemOf("root.s1.pump1")).isSameAs(untouched);
  }

  @Test
  void theOutlineFollowsAnEditInTheNextPulseAndAtOnceWhenAsked() throws Exception {
    boolean sameTask =
        WaitForAsyncUtils.asyncFx(
                () -> {
                  document.edit(
                      () ->
                          io.stellwerk.editor.command.Edits.rename(
                              document.topology(), "root.s2", "s9"));
                  return editor.outline().current()
                      || editor.outline().getRoot().getChildren().stream()
                          .anyMatch(i -> i.getValue().equals("root.s9"));
                })
            .get(10, TimeUnit.SECONDS);
    assertThat(sameTask).as("the outline changed in the edit's own task").isFalse();
    awaitOutline();
    assertThat(outlineIds()).isEqualTo(nodeIds());

    // A lookup brings it up to date at once.
    var found =
        WaitForAsyncUtils.asyncFx(
                () -> {
                  document.undo();
                  return editor.outline().itemOf("root.s2");
                })
            .get(10, TimeUnit.SECONDS);
    assertThat(found).isNotNull();
    assertThat(WaitForAsyncUtils.asyncFx(() -> editor.outline().current()).get()).isTrue();
  }

  // When a pulse ends with styles pending, JavaFX runs one more pulse; if that changes nothing
  // visible, the repaint it requests paints the whole window (42-62 ms in software rendering,
  // which the next pulse waits for). List and tree views restyle the rows they rebind during their
  // layout, after the pulse's CSS pass, and leave the branch above them marked: the outline lays
  // itself out before the CSS pass, the problems list applies the pending styles before such a
  // pulse ends (PendingStyles). Whether anything is pending is
  // JavaFX's internal state (Node.cssFlag and the NODE_CSS dirty bit), read by reflection: no
  // public API tells.

  @Test
  void thePulseInWhichTheOutlineFollowsAnEditLeavesNoStylingPending() throws Exception {
    // A move renumbers the rows below where the node was and where it goes.
    String left = stylingLeftAfter(this::moveS2UnderPump1, () -> editor.outline().current());
    assertThat(left).isEqualTo("root CLEAN []");
    assertThat(outlineIds()).isEqualTo(nodeIds());
  }

  @Test
  void undoingAMoveWithAVisibleRowSelectedLeavesNoStylingPendingAndTheKeyboardOnThatRow(
      FxRobot robot) throws Exception {
    // The pointer away from the outline: a row that comes under it changes its hover style.
    robot.moveTo(editor.canvas());
    WaitForAsyncUtils.asyncFx(() -> document.selection().select("root.s1"))
        .get(10, TimeUnit.SECONDS);
    WaitForAsyncUtils.asyncFx(
            () -> {
              moveS2UnderPump1();
              document.selection().select("root.s1.pump1.s2");
            })
        .get(10, TimeUnit.SECONDS);
    awaitOutline();
    // The undo selects root.s1 again: its row is in view, above the rows the move renumbers.
    String left = stylingLeftAfter(() -> document.undo(), () -> editor.outline().current());
    assertThat(left).isEqualTo("root CLEAN []");
    WaitForAsyncUtils.waitForFxEvents();
    var rows =
        WaitForAsyncUtils.asyncFx(
                () ->
                    List.of(
                        editor.outline().getSelectionModel().getSelectedIndex(),
                        editor.outline().getFocusModel().getFocusedIndex(),
                        editor.outline().getRow(editor.outline().itemOf("root.s1"))))
            .get(10, TimeUnit.SECONDS);
    assertThat(rows.get(0)).as("selected row").isEqualTo(rows.get(2));
    assertThat(rows.get(1)).as("focused row").isEqualTo(rows.get(2));
  }

  @Test
  void thePulseThatShowsANewProblemLeavesNoStylingPending() throws Exception {
    String left =
        stylingLeftAfter(
            () ->
                document.edit(
                    () ->
                        io.stellwerk.editor.command.Edits.set(
                            document.topology(), "root.s2", NodeField.PORT, "80")),
            () -> true);
    assertThat(left).isEqualTo("root CLEAN []");
    assertThat(document.problems()).hasSize(1);
  }

  /** Moves root.s2 under root.s1.pump1: the rows below both places are renumbered. */
  private void moveS2UnderPump1() {
    document.edit(
        () ->
            io.stellwerk.editor.command.Edits.move(
                document.topology(), "root.s2", "root.s1.pump1"));
  }

  /**
   * Makes {@code change} on the FX thread and returns the scene root's styling state right after
   * the first pulse whose layout ends with {@code shown} true.
   */
  private String stylingLeftAfter(Runnable change, java.util.function.BooleanSupplier shown)
      throws Exception {
    Scene scene = editor.outline().getScene();
    CompletableFuture<String> afterThePulse = new CompletableFuture<>();
    WaitForAsyncUtils.asyncFx(
            () -> {
              Runnable[] probe = new Runnable[1];
              probe[0] =
                  () -> {
                    if (shown.getAsBoolean()) {
                      scene.removePostLayoutPulseListener(probe[0]);
                      // Runs once this pulse has ended, before the next one starts.
                      Platform.runLater(() -> afterThePulse.complete(stylingPending(scene)));
                    }
                  };
              change.run();
              scene.addPostLayoutPulseListener(probe[0]);
            })
        .get(10, TimeUnit.SECONDS);
    return afterThePulse.get(10, TimeUnit.SECONDS);
  }

  /** The scene root's styling state and its dirty bits, from JavaFX's internals. */
  private static String stylingPending(Scene scene) {
    try {
      java.lang.reflect.Field flag = Node.class.getDeclaredField("cssFlag");
      java.lang.reflect.Field bits = Node.class.getDeclaredField("dirtyBits");
      flag.setAccessible(true);
      bits.setAccessible(true);
      Node root = scene.getRoot();
      return "root " + flag.get(root) + " " + bits.get(root);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Waits for the outline to show the document's state: it follows an edit a frame late. */
  private void awaitOutline() throws Exception {
    WaitForAsyncUtils.waitFor(
        10,
        TimeUnit.SECONDS,
        () -> WaitForAsyncUtils.asyncFx(() -> editor.outline().current()).get());
  }

  /** The outline's items, depth first, each with its depth. */
  private List<String> outlineIds() {
    List<String> out = new ArrayList<>();
    collect(editor.outline().getRoot(), 1, out);
    return out;
  }

  private static void collect(
      javafx.scene.control.TreeItem<String> item, int depth, List<String> out) {
    out.add(depth + " " + item.getValue());
    item.getChildren().forEach(c -> collect(c, depth + 1, out));
  }

  private List<String> nodeIds() {
    return document.topology().nodes().stream()
        .map(n -> document.topology().depth(n.id()) + " " + n.id())
        .toList();
  }

  @Test
  void aNodeCannotBeDroppedIntoItsOwnSubtree(FxRobot robot) {
    Topology before = document.topology();

    robot.drag(glyph(robot, "root.s1"), MouseButton.PRIMARY).moveTo(glyph(robot, "root.s1.pump1"));
    assertThat(editor.canvas().dragFeedbackProperty().get())
        .isEqualTo("Cannot move here: a node cannot go under itself or its own subtree");
    assertThat(editor.canvas().dropState("root.s1.pump1"))
        .isEqualTo(GraphCanvas.DropState.FORBIDDEN);
    WaitForAsyncUtils.waitForFxEvents();
    assertDropMarkAround("root.s1.pump1", FORBIDDEN);
    robot.drop();
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(dragMarks()).isEmpty();

    assertThat(document.topology()).isSameAs(before);
    assertThat(document.undoTextProperty().get()).isEmpty();
  }

  @Test
  void anInvalidPortShowsAProblemAndADecorationOnThePortField(FxRobot robot) {
    robot.clickOn(glyph(robot, "root.s2"));
    TextField port = editor.properties().field(NodeField.PORT);

    robot.doubleClickOn(port).eraseText(4).type(KeyCode.DIGIT8, KeyCode.DIGIT0).type(KeyCode.ENTER);
    WaitForAsyncUtils.waitForFxEvents();

    assertThat(document.problems())
        .anySatisfy(
            p -> {
              assertThat(p.nodeId()).isEqualTo("root.s2");
              assertThat(p.field()).isEqualTo("port");
              assertThat(p.line()).isEqualTo(25);
              assertThat(p.message()).startsWith("port 80 of root.s2 is out of range");
            });
    assertThat(port.getPseudoClassStates()).contains(FieldDecorations.ERROR);
    assertThat(editor.properties().decorations().messageOf(port)).startsWith("port 80 of root.s2");
    assertThat(port.getTooltip().getText()).startsWith("port 80 of root.s2");
  }

  @Test
  void clickingAProblemSelectsItsNodeAndFocusesTheField(FxRobot robot) {
    robot.clickOn(glyph(robot, "root.s1.pump1"));
    robot
        .doubleClickOn(editor.properties().field(NodeField.HOST))
        .write("bad host!")
        .type(KeyCode.ENTER);
    robot.clickOn(glyph(robot, "root.s2"));
    WaitForAsyncUtils.waitForFxEvents();

    robot.clickOn(robot.lookup(".list-cell").nth(0).queryAs(Node.class));
    WaitForAsyncUtils.waitForFxEvents();

    assertThat(document.selection().primary()).isEqualTo("root.s1.pump1");
    assertThat(editor.properties().field(NodeField.HOST).isFocused()).isTrue();
  }

  @Test
  void deletingAsksHowManyNodesGoAndIsOneUndoStep(FxRobot robot) throws Exception {
    Topology before = document.topology();
    robot.clickOn(glyph(robot, "root.s1"));

    robot.type(KeyCode.DELETE);

    assertThat(questions)
        .containsExactly(
            "Delete root.s1? 2 nodes will be removed (subtrees included). Undo brings them back.");
    assertThat(document.topology().nodes()).hasSize(2);
    WaitForAsyncUtils.asyncFx(document::undo).get(5, TimeUnit.SECONDS);
    assertThat(document.topology()).isSameAs(before);
  }

  /** Where the canvas draws a node, for the robot to click or drag. */
  @Test
  void theGraphShowsSingleNodesAndThePairsPeersInTheirOwnColours() throws Exception {
    WaitForAsyncUtils.waitForFxEvents();
    GraphCanvas canvas = editor.canvas();
    javafx.scene.image.Image shot =
        WaitForAsyncUtils.asyncFx(() -> canvas.snapshot(null, null)).get(10, TimeUnit.SECONDS);
    double zoom = canvas.zoomFactor();
    // A node's box (or a pair's two peer boxes) sits in the upper half of its slot, 12 units above
    // its centre; a pair's peers are 22 units left and right of it, with the bar between them.
    javafx.geometry.Point2D leaf = canvas.localCentre("root.s1.pump1");
    javafx.geometry.Point2D pair = canvas.localCentre("root");
    assertThat(colourAt(shot, leaf.getX(), leaf.getY() - 12 * zoom))
        .isEqualTo(canvas.nodeFillColour());
    assertThat(colourAt(shot, pair.getX() - 22 * zoom, pair.getY() - 12 * zoom))
        .isEqualTo(PAIR_FILL);
    assertThat(colourAt(shot, pair.getX() + 22 * zoom, pair.getY() - 12 * zoom))
        .isEqualTo(PAIR_FILL);
    // Below the boxes, between two slots, is the background.
    assertThat(colourAt(shot, leaf.getX(), leaf.getY() + 40 * zoom))
        .isEqualTo(canvas.backgroundColour());
  }

  @Test
  void theDerivedEndpointsPaintIntoTheFrameDirectly(FxRobot robot) {
    // A text area's scroll pane caches its viewport as an image; the endpoints change with every
    // edit, and the software renderer would draw them into the image and the image into the frame.
    robot.interact(() -> document.selection().select("root.s1"));
    WaitForAsyncUtils.waitForFxEvents();
    var viewports = robot.lookup("#endpoints .viewport").queryAll();
    assertThat(viewports).isNotEmpty().noneMatch(Node::isCache);
  }

  @Test
  void anOverviewDrawsItsBoxesAndTheSelectionAsPlainRectangles() throws Exception {
    // Below 25 % zoom a box is a few pixels wide and its rounded corners would be lost in a pixel.
    // Drawing no arcs there also keeps JavaFX's arc code from loading on the first selection of an
    // overview, which was the first drop of a drag in a 500-node file (some 5 ms of a frame).
    GraphCanvas canvas = editor.canvas();
    paintedAfter(
        () -> {
          canvas.zoomBy(0.2 / canvas.zoomFactor());
          document.selection().select("root.s1.pump1");
        });
    List<Boolean> overview = arcsDrawn(canvas);
    assertThat(overview).isNotEmpty().containsOnly(false);

    // At a readable zoom the boxes and the selection have their rounded corners.
    paintedAfter(() -> canvas.zoomBy(1 / canvas.zoomFactor()));
    assertThat(arcsDrawn(canvas)).isNotEmpty().containsOnly(true);
  }

  @Test
  void selectingAnotherNodeEmptiesOneMarkAndDrawsAnotherLeavingTheRestOfTheGraphAlone()
      throws Exception {
    // A shape moved from one node to another makes the renderer repaint everything between the
    // two; a mark emptied where it was and another drawn where it is now repaint the two boxes.
    GraphCanvas canvas = editor.canvas();
    paintedAfter(() -> document.selection().select("root.s1"));
    List<Node> before = selectionMarks(canvas);
    assertThat(before).hasSize(1);
    assertMarks(canvas, before.get(0), "root.s1");
    java.util.Map<Node, String> graph = graphPaths(canvas);

    paintedAfter(() -> document.selection().select("root.s1.pump1"));
    List<Node> after = selectionMarks(canvas);
    assertThat(after).hasSize(1);
    assertThat(after.get(0)).isNotSameAs(before.get(0));
    assertThat(((javafx.scene.shape.SVGPath) before.get(0)).getContent()).isEmpty();
    assertMarks(canvas, after.get(0), "root.s1.pump1");
    assertThat(graphPaths(canvas)).isEqualTo(graph);

    // Adding a node to the selection adds its mark and keeps the one there.
    paintedAfter(() -> document.selection().toggle("root.s1"));
    List<Node> both = selectionMarks(canvas);
    assertThat(both).hasSize(2).contains(after.get(0));
  }

  /** The selection's shapes that draw a mark (the others are empty, kept for the next one). */
  private static List<Node> selectionMarks(GraphCanvas canvas) throws Exception {
    return WaitForAsyncUtils.asyncFx(
            () ->
                canvas.lookupAll(".selection-mark").stream()
                    .filter(n -> !((javafx.scene.shape.SVGPath) n).getContent().isEmpty())
                    .toList())
        .get(10, TimeUnit.SECONDS);
  }

  /** The graph's shapes other than the selection marks, each with its path data. */
  private static java.util.Map<Node, String> graphPaths(GraphCanvas canvas) throws Exception {
    return WaitForAsyncUtils.asyncFx(
            () -> {
              java.util.Map<Node, String> paths = new java.util.HashMap<>();
              for (Node n : canvas.lookupAll("SVGPath")) {
                if (!n.getStyleClass().contains("selection-mark")) {
                  paths.put(n, ((javafx.scene.shape.SVGPath) n).getContent());
                }
              }
              return paths;
            })
        .get(10, TimeUnit.SECONDS);
  }

  /** A selection mark is drawn around the node's centre, and is no larger than a node's slot. */
  private static void assertMarks(GraphCanvas canvas, Node mark, String id) throws Exception {
    javafx.geometry.Bounds b =
        WaitForAsyncUtils.asyncFx(
                () -> canvas.sceneToLocal(mark.localToScene(mark.getBoundsInLocal())))
            .get(10, TimeUnit.SECONDS);
    assertThat(b.contains(canvas.localCentre(id))).isTrue();
    double zoom = canvas.zoomFactor();
    assertThat(b.getWidth()).isLessThan(130 * zoom);
    assertThat(b.getHeight()).isLessThan(66 * zoom);
  }

  /**
   * Runs {@code change} on the FX thread and waits for the end of the pulse's layout that shows it:
   * the graph paints after the layout pass, and a listener added after the change runs after it.
   */
  private void paintedAfter(Runnable change) throws Exception {
    CompletableFuture<Void> painted = new CompletableFuture<>();
    WaitForAsyncUtils.asyncFx(
            () -> {
              Scene scene = editor.canvas().getScene();
              change.run();
              Runnable[] done = new Runnable[1];
              done[0] =
                  () -> {
                    scene.removePostLayoutPulseListener(done[0]);
                    painted.complete(null);
                  };
              scene.addPostLayoutPulseListener(done[0]);
              Platform.requestNextPulse();
            })
        .get(10, TimeUnit.SECONDS);
    painted.get(10, TimeUnit.SECONDS);
  }

  /**
   * For each closed shape drawn in the graph (a box or the selection), whether it has rounded
   * corners; read on the FX thread.
   */
  private static List<Boolean> arcsDrawn(GraphCanvas canvas) throws Exception {
    return WaitForAsyncUtils.asyncFx(
            () -> {
              List<Boolean> shapes = new ArrayList<>();
              for (Node n : canvas.lookupAll("SVGPath")) {
                String data = ((javafx.scene.shape.SVGPath) n).getContent();
                int from = 0;
                for (int end = data.indexOf('Z'); end >= 0; end = data.indexOf('Z', from)) {
                  shapes.add(data.substring(from, end).indexOf('A') >= 0);
                  from = end + 1;
                }
              }
              return shapes;
            })
        .get(10, TimeUnit.SECONDS);
  }

  private static final javafx.scene.paint.Color ALLOWED = javafx.scene.paint.Color.web("#1a7f37");
  private static final javafx.scene.paint.Color FORBIDDEN = javafx.scene.paint.Color.web("#cf222e");
  private static final javafx.scene.paint.Color PAIR_FILL = javafx.scene.paint.Color.web("#fff8c5");

  private static javafx.scene.paint.Color colourAt(
      javafx.scene.image.Image shot, double x, double y) {
    return shot.getPixelReader().getColor((int) Math.round(x), (int) Math.round(y));
  }

  private javafx.scene.shape.Rectangle dropMark() {
    return (javafx.scene.shape.Rectangle) editor.canvas().lookup(".drop-mark");
  }

  /** The drop target's outline and the drag's label, where the graph has them. */
  private List<Node> dragMarks() {
    List<Node> marks = new ArrayList<>();
    marks.addAll(editor.canvas().lookupAll(".drop-mark"));
    marks.addAll(editor.canvas().lookupAll(".drag-ghost"));
    return marks;
  }

  /** The drop target's outline is shown around the node, in the colour saying allowed or not. */
  private void assertDropMarkAround(String id, javafx.scene.paint.Color colour) {
    javafx.scene.shape.Rectangle mark = dropMark();
    assertThat(mark).isNotNull();
    assertThat(mark.isVisible()).isTrue();
    assertThat(mark.getBoundsInParent().contains(editor.canvas().localCentre(id))).isTrue();
    assertThat(mark.getStroke()).isEqualTo(colour);
  }

  private PointQuery glyph(FxRobot robot, String id) {
    return robot.point(editor.canvas().screenCentre(id));
  }
}
