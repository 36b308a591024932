package io.stellwerk.editor.view;

import javafx.scene.Node;
import javafx.scene.control.Control;
import javafx.scene.control.ScrollPane;

/**
 * Has a scrolling control paint its content straight into the frame. JavaFX's scroll pane skin
 * (also inside every text area) caches its viewport as an image, which makes scrolling static
 * content cheap; but the content here changes with every edit (the properties of the selected node,
 * its derived endpoints), and then the software renderer first draws the content into the image and
 * then the image into the frame, two passes over the whole viewport in every frame that changes it.
 * Without the cache a change repaints only its own region, once.
 */
public final class Viewports {

  /** Marks a control whose skins are followed already. */
  private static final Object FOLLOWED = new Object();

  private Viewports() {}

  /**
   * Turns off the viewport cache of every scroll pane in {@code control} (itself, or the one inside
   * a text area), as soon as each has its skin, and again whenever it gets a new one.
   */
  public static void paintDirectly(Control control) {
    if (control.getProperties().putIfAbsent(FOLLOWED, Boolean.TRUE) == null) {
      control.skinProperty().addListener((o, before, skin) -> uncache(control));
    }
    uncache(control);
  }

  private static void uncache(Control control) {
    if (control.getSkin() == null) {
      return;
    }
    for (Node n : control.lookupAll(".scroll-pane")) {
      if (n instanceof ScrollPane pane && pane != control) {
        paintDirectly(pane);
      }
    }
    if (control instanceof ScrollPane) {
      for (Node viewport : control.lookupAll(".viewport")) {
        viewport.setCache(false);
      }
    }
  }
}
