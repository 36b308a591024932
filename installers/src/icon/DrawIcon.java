import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import javax.imageio.ImageIO;

/**
 * Draws the Stellwerk application icon: a federation tree (one root, two children, one grandchild)
 * on a dark signal-box panel, the root lit green like an active node.
 *
 * <p>Run from the repository root to regenerate the committed icon:
 *
 * <pre>
 * java installers/src/icon/DrawIcon.java installers/src/jpackage/resources/stellwerk-workbench.png
 * </pre>
 */
public final class DrawIcon {

  private static final int SIZE = 256;

  private DrawIcon() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: java DrawIcon.java OUTPUT.png");
      System.exit(2);
    }
    BufferedImage image = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);

    g.setColor(new Color(0x1f2a36));
    g.fill(new RoundRectangle2D.Double(8, 8, SIZE - 16, SIZE - 16, 48, 48));
    g.setColor(new Color(0x3b4b5c));
    g.setStroke(new BasicStroke(6f));
    g.draw(new RoundRectangle2D.Double(11, 11, SIZE - 22, SIZE - 22, 44, 44));

    double[] root = {128, 64};
    double[] left = {72, 136};
    double[] right = {184, 136};
    double[] leaf = {184, 200};
    g.setColor(new Color(0xc8d3de));
    g.setStroke(new BasicStroke(10f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    line(g, root, left);
    line(g, root, right);
    line(g, right, leaf);

    node(g, left, new Color(0xf2b632));
    node(g, right, new Color(0xf2b632));
    node(g, leaf, new Color(0xf2b632));
    node(g, root, new Color(0x3ccf5a));
    g.dispose();

    File out = new File(args[0]);
    if (!ImageIO.write(image, "png", out)) {
      throw new IOException("no PNG writer");
    }
  }

  private static void line(Graphics2D g, double[] a, double[] b) {
    g.draw(new Line2D.Double(a[0], a[1], b[0], b[1]));
  }

  private static void node(Graphics2D g, double[] c, Color lamp) {
    double r = 26;
    g.setColor(new Color(0x0e151c));
    g.fill(new Ellipse2D.Double(c[0] - r - 6, c[1] - r - 6, 2 * (r + 6), 2 * (r + 6)));
    g.setColor(lamp);
    g.fill(new Ellipse2D.Double(c[0] - r, c[1] - r, 2 * r, 2 * r));
    g.setColor(new Color(255, 255, 255, 90));
    g.fill(new Ellipse2D.Double(c[0] - r * 0.55, c[1] - r * 0.7, r * 0.7, r * 0.5));
  }
}
