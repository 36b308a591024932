package io.stellwerk.editor.canvas;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PathDataTest {

  @Test
  void numbersAreWrittenToAHundredthWithTheirSign() {
    PathData d = new PathData().moveTo(0, 150).moveTo(1.5, -2.25).moveTo(-0.006, 0.004);
    assertThat(d).hasToString("M 0 150M 1.50 -2.25M -0.01 0");
    assertThat(new PathData().moveTo(3.05, 1e6).horizontalTo(-7).verticalTo(0.1))
        .hasToString("M 3.05 1000000H -7V 0.10");
  }

  @Test
  void aRectangleIsFourSidesClosed() {
    assertThat(new PathData().rect(10, 20, 64, 20)).hasToString("M 10 20H 74V 40H 10Z");
  }

  @Test
  void aRoundedRectangleTurnsEachCornerClockwiseInAQuarterCircle() {
    assertThat(new PathData().roundRect(0, 0, 30, 20, 4))
        .hasToString(
            "M 4 0H 26A 4 4 0 0 1 30 4V 16A 4 4 0 0 1 26 20"
                + "H 4A 4 4 0 0 1 0 16V 4A 4 4 0 0 1 4 0Z");
  }

  @Test
  void clearingStartsAnew() {
    PathData d = new PathData().moveTo(1, 1);
    assertThat(d.clear().horizontalTo(2)).hasToString("H 2");
  }
}
