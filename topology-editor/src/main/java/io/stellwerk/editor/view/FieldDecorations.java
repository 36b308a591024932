package io.stellwerk.editor.view;

import java.util.HashMap;
import java.util.Map;
import javafx.css.PseudoClass;
import javafx.scene.control.Control;
import javafx.scene.control.Tooltip;
import org.controlsfx.control.decoration.Decoration;
import org.controlsfx.control.decoration.Decorator;
import org.controlsfx.control.decoration.GraphicDecoration;
import org.controlsfx.validation.decoration.GraphicValidationDecoration;

/**
 * Puts a problem on the field it is about: the {@code :error} pseudo-class (styled by CSS), the
 * message as tooltip, and ControlsFX's error graphic in the field's corner. Showing {@code null}
 * removes all three.
 */
public final class FieldDecorations {

  /** The pseudo-class a field with a problem carries. */
  public static final PseudoClass ERROR = PseudoClass.getPseudoClass("error");

  private final Map<Control, String> messages = new HashMap<>();
  private final Map<Control, Decoration> graphics = new HashMap<>();

  /** Shows or clears a problem message on a control. */
  public void show(Control c, String message) {
    String before = messages.get(c);
    if (java.util.Objects.equals(before, message)) {
      return;
    }
    Decoration old = graphics.remove(c);
    if (old != null) {
      Decorator.removeDecoration(c, old);
    }
    c.pseudoClassStateChanged(ERROR, message != null);
    if (message == null) {
      messages.remove(c);
      c.setTooltip(null);
      return;
    }
    messages.put(c, message);
    c.setTooltip(new Tooltip(message));
    if (c.getScene() != null) {
      Decoration d =
          new GraphicDecoration(
              new GraphicValidationDecoration() {
                javafx.scene.Node graphic() {
                  return createErrorNode();
                }
              }.graphic(),
              javafx.geometry.Pos.BOTTOM_LEFT);
      graphics.put(c, d);
      Decorator.addDecoration(c, d);
    }
  }

  /** The message shown on a control, or {@code null}. */
  public String messageOf(Control c) {
    return messages.get(c);
  }
}
