package io.stellwerk.editor.canvas;

/**
 * SVG path data built up command by command, for an {@link javafx.scene.shape.SVGPath}: the graph's
 * shapes hold thousands of segments, and JavaFX turns a path's text straight into its geometry,
 * where a {@link javafx.scene.shape.Path} needs an observable element object (with its properties
 * and a weak list of the paths using it) per segment, all made anew at every paint. Coordinates are
 * written to a hundredth of a world unit (a box is 120 units wide).
 */
final class PathData {

  private final StringBuilder text = new StringBuilder(1 << 16);

  /** Starts again, empty. */
  PathData clear() {
    text.setLength(0);
    return this;
  }

  PathData moveTo(double x, double y) {
    return command('M').number(x).number(y);
  }

  /** A horizontal line to {@code x}. */
  PathData horizontalTo(double x) {
    return command('H').number(x);
  }

  /** A vertical line to {@code y}. */
  PathData verticalTo(double y) {
    return command('V').number(y);
  }

  /** A quarter-circle arc of radius {@code r}, clockwise, to ({@code x}, {@code y}). */
  PathData arcTo(double r, double x, double y) {
    return command('A').number(r).number(r).number(0).flag(false).flag(true).number(x).number(y);
  }

  PathData close() {
    return command('Z');
  }

  /** Appends a closed rectangle. */
  PathData rect(double x, double y, double w, double h) {
    return moveTo(x, y).horizontalTo(x + w).verticalTo(y + h).horizontalTo(x).close();
  }

  /** Appends a closed rectangle with corners of radius {@code r}. */
  PathData roundRect(double x, double y, double w, double h, double r) {
    return moveTo(x + r, y)
        .horizontalTo(x + w - r)
        .arcTo(r, x + w, y + r)
        .verticalTo(y + h - r)
        .arcTo(r, x + w - r, y + h)
        .horizontalTo(x + r)
        .arcTo(r, x, y + h - r)
        .verticalTo(y + r)
        .arcTo(r, x + r, y)
        .close();
  }

  @Override
  public String toString() {
    return text.toString();
  }

  private PathData command(char c) {
    text.append(c);
    return this;
  }

  private PathData flag(boolean f) {
    text.append(f ? " 1" : " 0");
    return this;
  }

  /** Appends {@code v} rounded to hundredths, without going through a decimal conversion. */
  private PathData number(double v) {
    long hundredths = Math.round(v * 100);
    text.append(' ');
    if (hundredths < 0) {
      text.append('-');
      hundredths = -hundredths;
    }
    text.append(hundredths / 100);
    long fraction = hundredths % 100;
    if (fraction != 0) {
      text.append('.');
      if (fraction < 10) {
        text.append('0');
      }
      text.append(fraction);
    }
    return this;
  }
}
