package io.stellwerk.editor.canvas;

import static org.assertj.core.api.Assertions.assertThat;

import io.stellwerk.editor.Examples;
import io.stellwerk.node.topology.Topology;
import io.stellwerk.node.topology.TopologyLoader;
import io.stellwerk.node.topology.TopologyNode;
import javafx.geometry.Point2D;
import org.junit.jupiter.api.Test;

class TreeLayoutTest {

  private final Topology topology =
      TopologyLoader.parse("tunnel.yaml", Examples.text("tunnel.yaml")).topology();
  private final TreeLayout layout = TreeLayout.of(topology);

  @Test
  void everyNodeIsFoundAnywhereInItsBoxAndNowhereElse() {
    double hw = GraphPainter.WIDTH / 2;
    double hh = GraphPainter.HEIGHT / 2;
    for (TopologyNode n : topology.nodes()) {
      Point2D c = layout.centre(n.id());
      assertThat(layout.within(c.getX(), c.getY(), hw, hh)).isEqualTo(n.id());
      assertThat(layout.within(c.getX() - hw, c.getY() + hh, hw, hh)).isEqualTo(n.id());
      assertThat(layout.within(c.getX() + hw + 1, c.getY(), hw, hh)).isNull();
      assertThat(layout.within(c.getX(), c.getY() - hh - 1, hw, hh)).isNull();
    }
  }

  @Test
  void boxesNarrowerThanASlotAndLowerThanARowDoNotOverlap() {
    assertThat(GraphPainter.WIDTH).isLessThan(TreeLayout.SLOT);
    assertThat(GraphPainter.HEIGHT).isLessThan(TreeLayout.ROW);
  }
}
