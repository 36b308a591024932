package io.stellwerk.workbench;

import io.stellwerk.node.topology.LoadResult;
import io.stellwerk.node.topology.Problem;
import io.stellwerk.node.topology.Topology;
import io.stellwerk.node.topology.TopologyNode;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

/**
 * A read-only view of one loaded topology: the node tree on the left, the selected node's
 * properties (with its derived endpoints) on the right, and the validator's problems below.
 */
public final class TopologyBrowser extends BorderPane {

  private final TreeView<String> tree = new TreeView<>();
  private final VBox properties = new VBox(8);
  private final ListView<Problem> problems = new ListView<>();
  private Topology topology;

  /** An empty browser; {@link #show(LoadResult)} fills it. */
  public TopologyBrowser() {
    tree.setId("topology-tree");
    properties.setId("properties");
    properties.setPadding(new Insets(8));
    problems.setId("problems");
    problems.setPlaceholder(new Label("No problems"));
    problems.setCellFactory(
        lv ->
            new javafx.scene.control.ListCell<>() {
              @Override
              protected void updateItem(Problem p, boolean empty) {
                super.updateItem(p, empty);
                setText(empty || p == null ? null : p.format());
              }
            });
    tree.getSelectionModel()
        .selectedItemProperty()
        .addListener((obs, old, item) -> showNode(item == null ? null : item.getValue()));
    ScrollPane propertiesScroll = new ScrollPane(properties);
    propertiesScroll.setFitToWidth(true);
    SplitPane top = new SplitPane(tree, propertiesScroll);
    top.setDividerPositions(0.3);
    SplitPane main = new SplitPane(top, problems);
    main.setOrientation(Orientation.VERTICAL);
    main.setDividerPositions(0.75);
    setCenter(main);
  }

  /** Shows a load result: the tree when the file is valid, and its problems in any case. */
  public void show(LoadResult result) {
    topology = result.topology();
    problems.getItems().setAll(result.problems());
    tree.setRoot(topology == null ? null : item(topology.root()));
    showNode(null);
  }

  /** Selects a node of the tree by id; false if there is no such node. */
  public boolean select(String nodeId) {
    TreeItem<String> found = find(tree.getRoot(), nodeId);
    if (found != null) {
      tree.getSelectionModel().select(found);
    }
    return found != null;
  }

  private static TreeItem<String> find(TreeItem<String> item, String id) {
    if (item == null || id.equals(item.getValue())) {
      return item;
    }
    for (TreeItem<String> c : item.getChildren()) {
      TreeItem<String> f = find(c, id);
      if (f != null) {
        return f;
      }
    }
    return null;
  }

  private static TreeItem<String> item(TopologyNode node) {
    TreeItem<String> item = new TreeItem<>(node.id());
    item.setExpanded(true);
    node.children().forEach(c -> item.getChildren().add(item(c)));
    return item;
  }

  private void showNode(String nodeId) {
    properties.getChildren().clear();
    if (topology == null || nodeId == null) {
      properties.getChildren().add(new Label("Select a node to see its properties."));
      return;
    }
    NodeDetails d = NodeDetails.of(topology, nodeId);
    GridPane grid = new GridPane();
    grid.setHgap(12);
    grid.setVgap(4);
    row(grid, 0, "id", d.id(), "");
    row(grid, 1, "role", d.role(), "");
    properties.getChildren().add(grid);
    for (NodeDetails.Station s : d.stations()) {
      GridPane g = new GridPane();
      g.setHgap(12);
      g.setVgap(4);
      // Ids name the station so both peers of a pair can be looked up.
      row(g, 0, "station", s.station(), s.station());
      row(g, 1, "host", s.host(), s.station());
      row(g, 2, "base port", Integer.toString(s.basePort()), s.station());
      Label endpoints = new Label(String.join("\n", s.endpoints()));
      endpoints.setId("endpoints-" + cssSafe(s.station()));
      endpoints.setStyle("-fx-font-family: monospace");
      properties.getChildren().addAll(g, new Label("Derived endpoints"), endpoints);
    }
  }

  private static void row(GridPane grid, int row, String name, String value, String station) {
    Label v = new Label(value);
    v.setId(
        "property-" + name.replace(' ', '-') + (station.isEmpty() ? "" : "-" + cssSafe(station)));
    grid.addRow(row, new Label(name), v);
  }

  /**
   * A station name usable in a CSS id selector: {@code root.s1[backup]} → {@code root_s1_backup_}.
   */
  static String cssSafe(String station) {
    return station.replaceAll("[^A-Za-z0-9-]", "_");
  }
}
