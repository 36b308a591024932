package io.stellwerk.workbench.shell;

import io.stellwerk.editor.view.TopologyEditor;
import io.stellwerk.editor.view.Viewports;
import io.stellwerk.node.topology.Problem;
import io.stellwerk.workbench.WorkbenchSettings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The Eclipse-style layout: explorer left, editor tabs in the centre, properties right, Problems
 * and Log at the bottom, menus and toolbar on top, status bar below. The side views show the active
 * tab's editor; {@link ShellActions} does what the menus ask.
 */
public final class WorkbenchShell extends BorderPane {

  private final TabPane editors = new TabPane();
  private final StackPane explorer = new StackPane();
  private final StackPane properties = new StackPane();
  private final StackPane problems = new StackPane();
  private final LogConsole log = new LogConsole();
  private final StatusBar status = new StatusBar();
  private final SplitPane outer = new SplitPane();
  private final SplitPane middle = new SplitPane();
  private final SplitPane centre = new SplitPane();
  private final ShellActions actions;

  /** A shell remembering its layout in {@code settings} and asking through {@code prompts}. */
  public WorkbenchShell(WorkbenchSettings settings, Prompts prompts) {
    setId("workbench");
    editors.setId("editors");
    explorer.getChildren().add(placeholder("No topology open"));
    properties.getChildren().add(placeholder(""));
    problems.getChildren().add(placeholder(""));
    ScrollPane propertiesScroll = new ScrollPane(properties);
    propertiesScroll.setId("properties-scroll");
    propertiesScroll.setFitToWidth(true);
    Viewports.paintDirectly(propertiesScroll);
    TabPane bottom = new TabPane(fixed("Problems", problems), fixed("Log", log));
    bottom.setId("bottom-views");
    centre.getItems().addAll(editors, propertiesScroll);
    middle.setOrientation(Orientation.VERTICAL);
    middle.getItems().addAll(centre, bottom);
    outer.getItems().addAll(explorer, middle);
    outer.setDividerPositions(0.18);
    centre.setDividerPositions(0.72);
    middle.setDividerPositions(0.74);
    restore(settings);
    this.actions = new ShellActions(this, settings, prompts);
    javafx.scene.control.MenuBar menus = ShellMenus.menuBar(actions);
    menus.getMenus().add(new SecurityMenu(this).menu());
    setTop(new VBox(menus, ShellMenus.toolBar(actions)));
    setCenter(outer);
    setBottom(status);
    getStylesheets()
        .addAll(
            TopologyEditor.stylesheet(),
            WorkbenchShell.class
                .getResource("/io/stellwerk/workbench/workbench.css")
                .toExternalForm());
    editors.getSelectionModel().selectedItemProperty().addListener((o, a, t) -> showActive());
  }

  private static Tab fixed(String name, Node content) {
    Tab t = new Tab(name, content);
    t.setClosable(false);
    return t;
  }

  private static Label placeholder(String text) {
    return new Label(text);
  }

  /** The actions the menus run. */
  public ShellActions actions() {
    return actions;
  }

  /** The editor tabs. */
  public TabPane editors() {
    return editors;
  }

  /** The active editor tab, or {@code null}. */
  public EditorTab activeTab() {
    Tab t = editors.getSelectionModel().getSelectedItem();
    return t instanceof EditorTab e ? e : null;
  }

  /** The log console. */
  public LogConsole log() {
    return log;
  }

  /** The status bar. */
  public StatusBar status() {
    return status;
  }

  void add(EditorTab tab) {
    TopologyEditor e = tab.editor();
    e.document().problems().addListener((ListChangeListener<Problem>) c -> showStatus());
    e.document().selection().ids().addListener((ListChangeListener<String>) c -> showStatus());
    e.document()
        .messageProperty()
        .addListener(
            (o, a, m) -> {
              if (!m.isEmpty()) {
                status.message(m);
                log.log(m);
              }
            });
    editors.getTabs().add(tab);
    editors.getSelectionModel().select(tab);
    // As an IDE opens a file: the new editor has the keyboard, so its shortcuts (Delete, undo)
    // act at once, without a click on the graph first.
    e.canvas().requestFocus();
  }

  private void showActive() {
    EditorTab t = activeTab();
    if (t == null) {
      explorer.getChildren().setAll(placeholder("No topology open"));
      properties.getChildren().setAll(placeholder(""));
      problems.getChildren().setAll(placeholder(""));
    } else {
      explorer.getChildren().setAll(t.editor().outline());
      properties.getChildren().setAll(t.editor().properties());
      problems.getChildren().setAll(t.editor().problems());
    }
    showStatus();
  }

  private void showStatus() {
    EditorTab t = activeTab();
    if (t == null) {
      status.document(0, null);
    } else {
      status.document(t.document().problems().size(), t.document().selection().primary());
    }
  }

  private void restore(WorkbenchSettings s) {
    apply(s.dividers("outer"), outer);
    apply(s.dividers("middle"), middle);
    apply(s.dividers("centre"), centre);
  }

  private static void apply(double[] positions, SplitPane pane) {
    if (positions != null && positions.length == pane.getDividers().size()) {
      pane.setDividerPositions(positions);
    }
  }

  /** Stores the divider positions in the settings. */
  public void remember(WorkbenchSettings s) {
    s.dividers("outer", outer.getDividerPositions());
    s.dividers("middle", middle.getDividerPositions());
    s.dividers("centre", centre.getDividerPositions());
  }
}
