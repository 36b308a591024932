package io.stellwerk.editor.view;

import io.stellwerk.editor.command.Edits;
import io.stellwerk.editor.document.EndpointLines;
import io.stellwerk.editor.document.TopologyDocument;
import io.stellwerk.editor.model.NodeField;
import io.stellwerk.node.topology.NodeIds;
import io.stellwerk.node.topology.Problem;
import io.stellwerk.node.topology.Topology;
import io.stellwerk.node.topology.TopologyNode;
import java.util.EnumMap;
import java.util.Map;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

/**
 * The selected node's fields, edited in place: each committed change (Enter or leaving the field)
 * is one command. Problems of the current state about a field are shown on it as a decoration
 * ({@link FieldDecorations}); text that can't be read at all (a port that is not a number) is
 * refused and shown the same way. Derived endpoints are shown read-only below.
 *
 * <p>The form joins the scene in the task after the view's first frame (or when a node is shown
 * before that): the skins of a dozen text fields cost as much as the rest of an opening frame, and
 * a document opens with nothing selected, so its first frame goes without them.
 */
public final class PropertiesView extends VBox {

  private final TopologyDocument document;
  private final Label title = new Label();
  private final TextField name = new TextField();
  private final Button convert = new Button();
  private final Map<NodeField, TextField> fields = new EnumMap<>(NodeField.class);
  private final TextArea endpoints = new TextArea();
  private final GridPane form = new GridPane();
  private final FieldDecorations decorations = new FieldDecorations();
  private final Map<NodeField, String> refused = new EnumMap<>(NodeField.class);
  private final Label endpointsLabel = new Label("Derived endpoints");
  private String shown;
  private Topology endpointsOf;

  /** A properties panel following the document's primary selection. */
  public PropertiesView(TopologyDocument document) {
    this.document = document;
    getStyleClass().add("properties");
    setSpacing(8);
    setPadding(new Insets(8));
    title.getStyleClass().add("title-4");
    title.setId("properties-title");
    name.setId("field-name");
    name.setOnAction(e -> rename());
    name.focusedProperty()
        .addListener(
            (o, was, now) -> {
              if (!now) {
                rename();
              }
            });
    convert.setId("convert");
    convert.setOnAction(e -> convert());
    form.setHgap(8);
    form.setVgap(6);
    form.addRow(0, new Label("name"), name);
    int row = 1;
    for (NodeField f : NodeField.values()) {
      TextField tf = new TextField();
      tf.setId("field-" + f.key().replace('.', '-'));
      tf.setOnAction(e -> commit(f));
      tf.focusedProperty()
          .addListener(
              (o, was, now) -> {
                if (!now) {
                  commit(f);
                }
              });
      fields.put(f, tf);
      form.addRow(row++, new Label(f.label()), tf);
    }
    endpoints.setEditable(false);
    endpoints.setId("endpoints");
    endpoints.getStyleClass().add("endpoints");
    endpoints.setPrefRowCount(12);
    Viewports.paintDirectly(endpoints);
    getChildren().add(title);
    sceneProperty()
        .addListener(
            (o, before, scene) -> {
              if (scene != null && getChildren().size() == 1) {
                afterNextFrame(scene, this::attachForm);
              }
            });
    document.stateProperty().addListener((o, a, b) -> show());
    document.selection().ids().addListener((ListChangeListener<String>) c -> show());
    document.selection().fieldProperty().addListener((o, a, f) -> focus(f));
    document.problems().addListener((ListChangeListener<Problem>) c -> decorate());
    show();
  }

  /** The text field of an editable field (for the shell's and the tests' lookups). */
  public TextField field(NodeField f) {
    return fields.get(f);
  }

  /** The decorations currently shown, by field. */
  public FieldDecorations decorations() {
    return decorations;
  }

  private void show() {
    String id = document.selection().primary();
    TopologyNode n =
        id == null || document.topology() == null
            ? null
            : document.topology().node(id).orElse(null);
    String shownBefore = shown;
    if (!java.util.Objects.equals(id, shown)) {
      refused.clear();
    }
    shown = n == null ? null : id;
    form.setDisable(n == null);
    convert.setDisable(n == null);
    if (n == null) {
      title.setText("No node selected");
      endpoints.setText("");
      endpointsOf = null;
      decorate();
      return;
    }
    attachForm();
    title.setText(n.id() + (n.isPair() ? " — HA pair" : " — single node"));
    name.setText(NodeIds.lastSegment(n.id()));
    convert.setText(n.isPair() ? "Convert to single node" : "Convert to HA pair");
    fields.forEach(
        (f, tf) -> {
          boolean applies = f.appliesTo(n);
          tf.setVisible(applies);
          tf.setManaged(applies);
          if (applies && !refused.containsKey(f)) {
            tf.setText(f.read(n));
          }
        });
    form.getChildren().stream()
        .filter(c -> c instanceof Label)
        .forEach(
            l -> {
              int r = GridPane.getRowIndex(l);
              boolean visible = r == 0 || NodeField.values()[r - 1].appliesTo(n);
              l.setVisible(visible);
              l.setManaged(visible);
            });
    // The port plan depends on the whole tree, but only a new tree or node can change it.
    if (document.topology() != endpointsOf || !n.id().equals(shownBefore)) {
      endpointsOf = document.topology();
      endpoints.setText(String.join("\n", EndpointLines.of(document.topology(), n.id())));
    }
    decorate();
  }

  /** Runs {@code then} in a task of its own after the next frame of {@code scene}. */
  private static void afterNextFrame(Scene scene, Runnable then) {
    Runnable[] hook = new Runnable[1];
    hook[0] =
        () -> {
          scene.removePostLayoutPulseListener(hook[0]);
          Platform.runLater(then);
        };
    scene.addPostLayoutPulseListener(hook[0]);
  }

  private void attachForm() {
    if (getChildren().size() == 1) {
      getChildren().addAll(convert, form, endpointsLabel, endpoints);
      if (getScene() != null) {
        // After the frame that gives the form its skins and disabled styles.
        afterNextFrame(getScene(), this::styleEnabledForm);
      }
    }
  }

  /**
   * Resolves the styles of the enabled form in a task of its own and goes back to the disabled
   * state before any frame shows it, so the first node shown (often by the first drop of a drag)
   * finds them in the scene's style cache. The form looks and behaves as before.
   */
  private void styleEnabledForm() {
    if (shown == null && getScene() != null) {
      form.setDisable(false);
      convert.setDisable(false);
      applyCss();
      form.setDisable(true);
      convert.setDisable(true);
      applyCss();
    }
  }

  private void commit(NodeField f) {
    TopologyNode n = shownNode();
    if (n == null || !f.appliesTo(n)) {
      return;
    }
    String text = fields.get(f).getText();
    if (text.strip().equals(f.read(n))) {
      refused.remove(f);
      decorate();
      return;
    }
    document
        .edit(() -> Edits.set(document.topology(), n.id(), f, text))
        .ifPresentOrElse(why -> refused.put(f, why), () -> refused.remove(f));
    decorate();
  }

  private void rename() {
    TopologyNode n = shownNode();
    if (n == null || name.getText().strip().equals(NodeIds.lastSegment(n.id()))) {
      return;
    }
    String parent = NodeIds.parentOf(n.id());
    String newId = (parent == null ? "" : parent + ".") + name.getText().strip();
    if (document.edit(() -> Edits.rename(document.topology(), n.id(), name.getText())).isEmpty()) {
      document.selection().select(newId);
    }
  }

  private void convert() {
    TopologyNode n = shownNode();
    if (n != null) {
      document.edit(
          () ->
              n.isPair()
                  ? Edits.convertToSingle(document.topology(), n.id())
                  : Edits.convertToPair(document.topology(), n.id()));
    }
  }

  private TopologyNode shownNode() {
    return shown == null || document.topology() == null
        ? null
        : document.topology().node(shown).orElse(null);
  }

  private void decorate() {
    fields.forEach(
        (f, tf) -> {
          String message = refused.get(f);
          if (message == null && shown != null) {
            message =
                document.problems().stream()
                    .filter(p -> shown.equals(p.nodeId()) && f.covers(p.field()))
                    .map(Problem::message)
                    .findFirst()
                    .orElse(null);
          }
          decorations.show(tf, message);
        });
  }

  private void focus(String problemField) {
    if (problemField == null) {
      return;
    }
    fields.entrySet().stream()
        .filter(e -> e.getKey().covers(problemField))
        .findFirst()
        // Later: the click that chose the problem is still being handled by the problems list.
        .ifPresent(e -> Platform.runLater(e.getValue()::requestFocus));
  }
}
