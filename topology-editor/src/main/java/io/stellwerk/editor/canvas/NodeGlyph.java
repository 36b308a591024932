package io.stellwerk.editor.canvas;

import io.stellwerk.node.topology.TopologyNode;
import javafx.css.PseudoClass;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Line;

/**
 * How one node looks on the canvas: a single node is one box; a pair is two peer boxes joined by a
 * link, so a hot-standby pair is recognisable at a glance. The last id segment is the caption.
 * States (selected, drop target allowed or forbidden, has a problem) are pseudo-classes styled by
 * {@code editor.css}.
 */
final class NodeGlyph extends VBox {

  static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected");
  static final PseudoClass DROP_OK = PseudoClass.getPseudoClass("drop-allowed");
  static final PseudoClass DROP_NO = PseudoClass.getPseudoClass("drop-forbidden");
  static final PseudoClass PROBLEM = PseudoClass.getPseudoClass("problem");

  static final double WIDTH = 120;
  static final double HEIGHT = 56;

  private String nodeId;
  private boolean pair;
  private final Label caption = new Label();
  private final HBox peers = new HBox();

  NodeGlyph() {
    getStyleClass().add("node-glyph");
    caption.getStyleClass().add("node-caption");
    peers.getStyleClass().add("node-peers");
    setPrefSize(WIDTH, HEIGHT);
    setMinSize(WIDTH, HEIGHT);
    setMaxSize(WIDTH, HEIGHT);
    getChildren().addAll(peers, caption);
  }

  /** Shows a node; rebuilds the peer boxes only when the kind changed. */
  void show(TopologyNode n) {
    nodeId = n.id();
    setId("glyph-" + n.id().replace('.', '_'));
    caption.setText(n.id().substring(n.id().lastIndexOf('.') + 1));
    if (peers.getChildren().isEmpty() || pair != n.isPair()) {
      pair = n.isPair();
      peers.getChildren().clear();
      if (pair) {
        Line link = new Line(0, 0, 14, 0);
        link.getStyleClass().add("peer-link");
        peers.getChildren().addAll(box("primary"), link, box("backup"));
        getStyleClass().remove("single");
        getStyleClass().add("pair");
      } else {
        peers.getChildren().add(box("single"));
        getStyleClass().remove("pair");
        getStyleClass().add("single");
      }
    }
  }

  private static Region box(String role) {
    Region r = new Region();
    r.getStyleClass().addAll("peer-box", role);
    return r;
  }

  /** The id of the node shown. */
  String nodeId() {
    return nodeId;
  }
}
