package io.stellwerk.workbench.shell;

import io.stellwerk.editor.view.TopologyEditor;
import io.stellwerk.workbench.Template;
import java.nio.file.Path;
import java.util.function.Consumer;
import javafx.event.ActionEvent;
import javafx.event.EventHandler;
import javafx.scene.control.Button;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TextField;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCombination;
import org.kordamp.ikonli.javafx.FontIcon;

/** Builds the menu bar and the toolbar; every entry calls one {@link ShellActions} method. */
final class ShellMenus {

  private ShellMenus() {}

  static MenuBar menuBar(ShellActions a) {
    Menu newMenu = new Menu("New");
    for (Template t : Template.values()) {
      newMenu.getItems().add(item(t.label(), null, e -> a.newFrom(t)));
    }
    Menu recent = new Menu("Open Recent");
    recent.setId("menu-recent");
    recent.setOnShowing(e -> fillRecent(recent, a));
    fillRecent(recent, a);
    a.recent()
        .addListener((javafx.collections.ListChangeListener<Path>) c -> fillRecent(recent, a));
    Menu file =
        new Menu(
            "File",
            null,
            item("New…", "Shortcut+N", e -> a.newTopology()),
            newMenu,
            item("Open…", "Shortcut+O", e -> a.openDialog()),
            recent,
            item("Open Demo", null, e -> a.openDemo()),
            new SeparatorMenuItem(),
            item("Save", "Shortcut+S", e -> a.save()),
            item("Save As…", "Shortcut+Shift+S", e -> a.saveAs()));
    MenuItem undo = item("Undo", "Shortcut+Z", e -> a.onEditor(ed -> run(ed, ed.document()::undo)));
    MenuItem redo = item("Redo", "Shortcut+Y", e -> a.onEditor(ed -> run(ed, ed.document()::redo)));
    undo.setId("menu-undo");
    Menu edit =
        new Menu(
            "Edit",
            null,
            undo,
            redo,
            new SeparatorMenuItem(),
            item("Add Child", "Shortcut+Shift+N", e -> a.onEditor(TopologyEditor::addChild)),
            item("Add Sibling", null, e -> a.onEditor(TopologyEditor::addSibling)),
            item("Convert Single ↔ Pair", null, e -> a.onEditor(TopologyEditor::toggleKind)),
            item("Delete", null, e -> a.onEditor(TopologyEditor::deleteSelected)));
    edit.setOnShowing(
        e ->
            a.onEditor(
                ed -> {
                  String u = ed.document().undoTextProperty().get();
                  String r = ed.document().redoTextProperty().get();
                  undo.setText(u.isEmpty() ? "Undo" : u);
                  undo.setDisable(u.isEmpty());
                  redo.setText(r.isEmpty() ? "Redo" : r);
                  redo.setDisable(r.isEmpty());
                  return java.util.Optional.empty();
                }));
    Menu view =
        new Menu(
            "View",
            null,
            item("Zoom In", "Shortcut+EQUALS", e -> zoom(a, ed -> ed.canvas().zoomBy(1.25))),
            item("Zoom Out", "Shortcut+MINUS", e -> zoom(a, ed -> ed.canvas().zoomBy(0.8))),
            item("Fit to Window", "Shortcut+0", e -> zoom(a, ed -> ed.canvas().fitToWindow())),
            new SeparatorMenuItem(),
            item("Toggle Light/Dark Theme", null, e -> a.toggleTheme()));
    Menu tools = new Menu("Topology", null, item("Validate", "F5", e -> a.validate()));
    MenuBar bar = new MenuBar(file, edit, view, tools);
    bar.setId("menu-bar");
    return bar;
  }

  static ToolBar toolBar(ShellActions a) {
    TextField find = new TextField();
    find.setId("find");
    find.setPromptText("Find node id");
    find.setOnAction(
        e ->
            a.onEditor(
                ed ->
                    ed.find(find.getText())
                        ? java.util.Optional.empty()
                        : java.util.Optional.of("there is no node " + find.getText().strip())));
    return new ToolBar(
        button("new", "fth-file-plus", "New topology", e -> a.newTopology()),
        button("open", "fth-folder", "Open", e -> a.openDialog()),
        button("save", "fth-save", "Save", e -> a.save()),
        button(
            "undo",
            "fth-corner-up-left",
            "Undo",
            e -> a.onEditor(ed -> run(ed, ed.document()::undo))),
        button(
            "redo",
            "fth-corner-up-right",
            "Redo",
            e -> a.onEditor(ed -> run(ed, ed.document()::redo))),
        button(
            "add-child", "fth-plus-square", "Add child", e -> a.onEditor(TopologyEditor::addChild)),
        button(
            "add-sibling", "fth-plus", "Add sibling", e -> a.onEditor(TopologyEditor::addSibling)),
        button(
            "convert",
            "fth-copy",
            "Convert single ↔ pair",
            e -> a.onEditor(TopologyEditor::toggleKind)),
        button("delete", "fth-trash-2", "Delete", e -> a.onEditor(TopologyEditor::deleteSelected)),
        button("validate", "fth-check-circle", "Validate", e -> a.validate()),
        button("zoom-in", "fth-zoom-in", "Zoom in", e -> zoom(a, ed -> ed.canvas().zoomBy(1.25))),
        button("zoom-out", "fth-zoom-out", "Zoom out", e -> zoom(a, ed -> ed.canvas().zoomBy(0.8))),
        button(
            "fit", "fth-maximize", "Fit to window", e -> zoom(a, ed -> ed.canvas().fitToWindow())),
        button("theme", "fth-moon", "Light/dark theme", e -> a.toggleTheme()),
        find);
  }

  private static java.util.Optional<String> run(TopologyEditor ed, Runnable r) {
    r.run();
    return java.util.Optional.empty();
  }

  private static void zoom(ShellActions a, Consumer<TopologyEditor> z) {
    a.onEditor(
        ed -> {
          z.accept(ed);
          return java.util.Optional.empty();
        });
  }

  private static void fillRecent(Menu recent, ShellActions a) {
    recent.getItems().clear();
    for (Path p : a.recent()) {
      recent.getItems().add(item(p.toString(), null, e -> a.open(p)));
    }
    recent.setDisable(recent.getItems().isEmpty());
  }

  private static MenuItem item(String text, String accelerator, EventHandler<ActionEvent> h) {
    MenuItem i = new MenuItem(text);
    if (accelerator != null) {
      i.setAccelerator(KeyCombination.keyCombination(accelerator));
    }
    i.setOnAction(h);
    return i;
  }

  private static Button button(String id, String icon, String tip, EventHandler<ActionEvent> h) {
    Button b = new Button(null, new FontIcon(icon));
    b.setId("tool-" + id);
    b.setTooltip(new Tooltip(tip));
    b.setOnAction(h);
    return b;
  }
}
