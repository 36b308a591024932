package io.stellwerk.workbench.shell;

import io.stellwerk.node.topology.HostMapping;
import io.stellwerk.node.topology.Topology;
import io.stellwerk.security.core.RemoteTrustService;
import io.stellwerk.security.core.TrustService;
import io.stellwerk.security.view.ApprovalQueueView;
import io.stellwerk.security.view.ConnectDialog;
import io.stellwerk.security.view.FxBackground;
import io.stellwerk.security.view.GenerateView;
import io.stellwerk.security.view.KeysView;
import io.stellwerk.security.viewmodel.ApprovalQueueViewModel;
import io.stellwerk.security.viewmodel.GenerateViewModel;
import io.stellwerk.security.viewmodel.KeysViewModel;
import java.io.File;
import java.util.Optional;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tab;
import javafx.stage.DirectoryChooser;

/**
 * The Security menu: generate (export) the keys of the opened topology, import a key directory, the
 * keys view, and the approval queue of a running station. Each opens a tab beside the editors; the
 * views come from the security-manager module.
 */
final class SecurityMenu {

  private final WorkbenchShell shell;
  private final KeysViewModel keys = new KeysViewModel(new FxBackground("workbench-keys"));
  private Tab keysTab;

  SecurityMenu(WorkbenchShell shell) {
    this.shell = shell;
  }

  Menu menu() {
    Menu m =
        new Menu(
            "Security",
            null,
            item("menu-generate-keys", "Generate Keys…", this::generate),
            item("menu-import-keys", "Import Keys…", this::importKeys),
            item("menu-keys", "Keys", this::showKeys),
            item("menu-approval-queue", "Approval Queue…", this::approvalQueue));
    m.setId("menu-security");
    return m;
  }

  private static MenuItem item(String id, String text, Runnable action) {
    MenuItem i = new MenuItem(text);
    i.setId(id);
    i.setOnAction(e -> action.run());
    return i;
  }

  // The topology of the active editor, else of the first one open (a security tab may be active).
  private Optional<EditorTab> topologyTab() {
    if (shell.activeTab() != null) {
      return Optional.of(shell.activeTab());
    }
    return shell.editors().getTabs().stream()
        .filter(EditorTab.class::isInstance)
        .map(EditorTab.class::cast)
        .findFirst();
  }

  private Optional<Topology> topology(EditorTab t, String purpose) {
    Topology topology = t.document().topology();
    if (topology == null) {
      report(t.document().name() + " cannot be read: fix it before " + purpose);
      return Optional.empty();
    }
    return Optional.of(topology);
  }

  private void generate() {
    Optional<EditorTab> tab = topologyTab();
    if (tab.isEmpty()) {
      report("Open a topology to generate its keys");
      return;
    }
    EditorTab t = tab.get();
    if (t.document().dirtyProperty().get() || t.path() == null) {
      report("Save " + t.document().name() + " first: every bundle carries the file as saved");
      return;
    }
    topology(t, "generating keys")
        .ifPresent(
            topology -> {
              GenerateView view =
                  new GenerateView(
                      new GenerateViewModel(topology, t.path()),
                      d -> {
                        keys.show(d);
                        showKeys();
                        report("Keys and bundles generated in " + d.directory());
                      });
              open(new Tab("Generate keys — " + t.document().name(), view), "tab-generate-keys");
            });
  }

  private void importKeys() {
    DirectoryChooser c = new DirectoryChooser();
    c.setTitle("Import a key directory");
    File dir = c.showDialog(shell.getScene().getWindow());
    if (dir != null) {
      keys.load(dir.toPath());
      showKeys();
    }
  }

  private void showKeys() {
    if (keysTab == null || !shell.editors().getTabs().contains(keysTab)) {
      keysTab = new Tab("Keys", new KeysView(keys));
      open(keysTab, "tab-keys");
    }
    shell.editors().getSelectionModel().select(keysTab);
  }

  private void approvalQueue() {
    Optional<EditorTab> tab = topologyTab();
    if (tab.isEmpty()) {
      report("Open the topology of the federation whose keys to approve");
      return;
    }
    Optional<Topology> topology = topology(tab.get(), "connecting to a station");
    if (topology.isEmpty()) {
      return;
    }
    Topology t = topology.get();
    new ConnectDialog(shell.getScene().getWindow(), t, keys.directoryProperty().get())
        .showAndWait()
        .ifPresent(
            choice -> {
              // Loading the workstation's keys reads a file per station: off the FX thread.
              FxBackground background = new FxBackground("approvals " + choice.station());
              HostMapping hosts = choice.local() ? HostMapping.local(t) : HostMapping.identity();
              background.run(
                  () ->
                      RemoteTrustService.connect(
                          t, choice.station(), hosts, choice.keysDir(), choice.workstation()),
                  service -> openQueue(service, background, choice.station().toString()),
                  error -> {
                    background.shutdown();
                    report(error);
                  });
            });
  }

  private void openQueue(TrustService service, FxBackground background, String station) {
    ApprovalQueueViewModel model = new ApprovalQueueViewModel(service, background);
    Tab queue = new Tab("Approvals — " + station, new ApprovalQueueView(model));
    // Closing waits for a request under way, so it happens on the view's own thread.
    queue.setOnClosed(
        e ->
            background.run(
                () -> {
                  service.close();
                  return null;
                },
                x -> background.shutdown(),
                x -> background.shutdown()));
    open(queue, "tab-approvals");
    model.refresh();
  }

  private void open(Tab tab, String id) {
    tab.setId(id);
    shell.editors().getTabs().add(tab);
    shell.editors().getSelectionModel().select(tab);
  }

  private void report(String line) {
    shell.status().message(line);
    shell.log().log(line);
  }
}
