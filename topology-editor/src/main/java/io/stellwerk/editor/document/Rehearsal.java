package io.stellwerk.editor.document;

import io.stellwerk.editor.model.NodeField;
import io.stellwerk.node.topology.Problem;
import io.stellwerk.node.topology.Topology;
import io.stellwerk.node.topology.TopologyNode;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import javafx.collections.ListChangeListener;

/**
 * What the first drop of a drag will run, rehearsed on a throw-away copy of a document: a move with
 * its undo, redo and validation, and what the properties panel reads of the node it then shows. The
 * first time code runs in a JVM it pays for loading classes and linking lambdas, string
 * concatenations and record methods (the first drop cost 35–100 ms CPU for that alone); done here
 * on a background thread, the drop itself finds it ready.
 */
final class Rehearsal {

  private static final int CUT_LEVELS = 3;
  private static final int CUT_CHILDREN = 3;

  private Rehearsal() {}

  /** Runs on {@code copy}, which nobody else sees; it executes its validation in place. */
  static void run(TopologyDocument copy) {
    Topology t = copy.topology();
    // The views listen: JavaFX then compares each new state with the old one (EditorState.equals).
    copy.stateProperty().addListener((o, before, after) -> {});
    copy.selection().ids().addListener((ListChangeListener<String>) c -> {});
    MoveGesture.anyLegal(copy)
        .ifPresent(
            gesture -> {
              gesture.feedback();
              gesture.drop();
              copy.undo();
              copy.redo();
              copy.undo();
            });
    copy.problems().forEach(Problem::format);
    showable(t, n -> !n.isPair()).ifPresent(n -> read(t, n));
    showable(t, TopologyNode::isPair).ifPresent(n -> read(t, n));
    showable(t, n -> n.plc() != null).ifPresent(n -> read(t, n));
  }

  /**
   * The first three levels of the tree, at most three children each: a cut to rehearse views on.
   */
  static Topology cut(Topology t) {
    return t.withRoot(cut(t.root(), 1));
  }

  private static TopologyNode cut(TopologyNode n, int level) {
    return n.withChildren(
        level == CUT_LEVELS
            ? List.of()
            : n.children().stream().limit(CUT_CHILDREN).map(c -> cut(c, level + 1)).toList());
  }

  private static Optional<TopologyNode> showable(Topology t, Predicate<TopologyNode> kind) {
    return t.nodes().stream().filter(kind).findFirst();
  }

  /** What the properties panel reads to show a node. */
  private static void read(Topology t, TopologyNode n) {
    for (NodeField f : NodeField.values()) {
      if (f.appliesTo(n)) {
        f.read(n);
      }
      f.covers(f.key());
    }
    EndpointLines.of(t, n.id());
  }
}
