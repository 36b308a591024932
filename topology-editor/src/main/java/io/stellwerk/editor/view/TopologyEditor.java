package io.stellwerk.editor.view;

import io.stellwerk.editor.canvas.GraphCanvas;
import io.stellwerk.editor.command.Edits;
import io.stellwerk.editor.document.TopologyDocument;
import io.stellwerk.node.topology.Topology;
import java.util.List;
import java.util.Optional;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;

/**
 * The kit's facade for one document: its canvas, outline, properties and problems views, and the
 * editing actions a shell binds to menus and toolbars. Keyboard shortcuts (undo, redo, delete) work
 * on the canvas by themselves; the shell arranges the views and supplies the confirmation dialog.
 */
public final class TopologyEditor {

  private static final KeyCombination UNDO = KeyCombination.keyCombination("Shortcut+Z");
  private static final KeyCombination REDO = KeyCombination.keyCombination("Shortcut+Shift+Z");
  private static final KeyCombination REDO_ALT = KeyCombination.keyCombination("Shortcut+Y");

  private final TopologyDocument document;
  private final GraphCanvas canvas;
  private final OutlineView outline;
  private final PropertiesView properties;
  private final ProblemsView problems;
  private final Confirmer confirmer;

  /** Views and actions for a document; {@code confirmer} is asked before deleting. */
  public TopologyEditor(TopologyDocument document, Confirmer confirmer) {
    this.document = document;
    this.confirmer = confirmer;
    this.canvas = new GraphCanvas(document);
    this.outline = new OutlineView(document);
    this.properties = new PropertiesView(document);
    this.problems = new ProblemsView(document);
    canvas.getStylesheets().add(stylesheet());
    properties.getStylesheets().add(stylesheet());
    canvas.setFocusTraversable(true);
    canvas.addEventHandler(KeyEvent.KEY_PRESSED, this::onKey);
    outline.addEventHandler(KeyEvent.KEY_PRESSED, this::onKey);
    WarmUp.once(this);
  }

  /** The editor's stylesheet, for shells that style other views alike. */
  public static String stylesheet() {
    return TopologyEditor.class.getResource("editor.css").toExternalForm();
  }

  private void onKey(KeyEvent e) {
    if (UNDO.match(e)) {
      document.undo();
    } else if (REDO.match(e) || REDO_ALT.match(e)) {
      document.redo();
    } else if (e.getCode() == KeyCode.DELETE) {
      deleteSelected();
    } else {
      return;
    }
    e.consume();
  }

  /** The document edited. */
  public TopologyDocument document() {
    return document;
  }

  /** The graph canvas. */
  public GraphCanvas canvas() {
    return canvas;
  }

  /** The outline tree. */
  public OutlineView outline() {
    return outline;
  }

  /** The properties panel. */
  public PropertiesView properties() {
    return properties;
  }

  /** The problems list. */
  public ProblemsView problems() {
    return problems;
  }

  /** Adds a child to the selected node (the root when nothing is selected) and selects it. */
  public Optional<String> addChild() {
    String parent = target();
    if (parent == null) {
      return Optional.of("there is no node to add to");
    }
    return addAndSelect(() -> Edits.addChild(document.topology(), parent), parent);
  }

  /** Adds a sibling after the selected node and selects it. */
  public Optional<String> addSibling() {
    String of = document.selection().primary();
    if (of == null) {
      return Optional.of("select the node to add a sibling to");
    }
    Topology t = document.topology();
    return addAndSelect(
        () -> Edits.addSibling(document.topology(), of), t.parent(of).map(p -> p.id()).orElse(of));
  }

  private Optional<String> addAndSelect(
      java.util.function.Supplier<io.stellwerk.editor.command.EditCommand> c, String parent) {
    List<String> before = document.topology().subtree(parent);
    Optional<String> refusal = document.edit(c);
    if (refusal.isEmpty()) {
      document.topology().subtree(parent).stream()
          .filter(id -> !before.contains(id))
          .findFirst()
          .ifPresent(document.selection()::select);
    }
    return refusal;
  }

  /** Converts the selected node between single node and HA pair. */
  public Optional<String> toggleKind() {
    String id = document.selection().primary();
    if (id == null) {
      return Optional.of("select the node to convert");
    }
    boolean pair = document.topology().require(id).isPair();
    return document.edit(
        () ->
            pair
                ? Edits.convertToSingle(document.topology(), id)
                : Edits.convertToPair(document.topology(), id));
  }

  /** Deletes the selected nodes with their subtrees, after the user confirmed the count. */
  public Optional<String> deleteSelected() {
    List<String> ids = List.copyOf(document.selection().ids());
    if (ids.isEmpty() || document.topology() == null) {
      return Optional.of("select the nodes to delete first");
    }
    int count;
    try {
      count = Edits.countWithSubtrees(document.topology(), ids);
    } catch (IllegalArgumentException e) {
      return document.edit(() -> Edits.deleteAll(document.topology(), ids));
    }
    String what = ids.size() == 1 ? ids.get(0) : ids.size() + " selected nodes";
    String question =
        "Delete "
            + what
            + "? "
            + count
            + (count == 1 ? " node" : " nodes")
            + " will be removed (subtrees included). Undo brings them back.";
    if (!confirmer.confirm("Delete nodes", question)) {
      return Optional.of("nothing deleted");
    }
    return document.edit(() -> Edits.deleteAll(document.topology(), ids));
  }

  /** Finds a node by id: selects and centres it. */
  public boolean find(String id) {
    return canvas.reveal(id.strip());
  }

  private String target() {
    String sel = document.selection().primary();
    if (sel != null) {
      return sel;
    }
    return document.topology() == null ? null : document.topology().root().id();
  }
}
