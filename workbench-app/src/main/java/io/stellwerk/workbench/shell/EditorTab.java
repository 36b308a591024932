package io.stellwerk.workbench.shell;

import io.stellwerk.editor.document.TopologyDocument;
import io.stellwerk.editor.view.TopologyEditor;
import java.nio.file.Path;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Tab;

/** A centre tab holding one topology editor; its title shows the file name and a dirty marker. */
public final class EditorTab extends Tab {

  private final TopologyEditor editor;

  EditorTab(TopologyEditor editor) {
    this.editor = editor;
    TopologyDocument d = editor.document();
    textProperty()
        .bind(
            Bindings.createStringBinding(
                () -> (d.dirtyProperty().get() ? "*" : "") + title(d),
                d.dirtyProperty(),
                d.pathProperty()));
    setContent(editor.canvas());
    setId("tab-" + title(d));
  }

  private static String title(TopologyDocument d) {
    Path p = d.pathProperty().get();
    return p == null ? d.name() : p.getFileName().toString();
  }

  /** The editor in this tab. */
  public TopologyEditor editor() {
    return editor;
  }

  /** The document in this tab. */
  public TopologyDocument document() {
    return editor.document();
  }

  /** The file this tab edits, or {@code null} when never saved. */
  public Path path() {
    return editor.document().pathProperty().get();
  }
}
