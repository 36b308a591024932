package io.stellwerk.editor.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import io.stellwerk.editor.Examples;
import io.stellwerk.editor.command.CommandStack;
import io.stellwerk.editor.command.Edits;
import io.stellwerk.editor.model.EditorState;
import io.stellwerk.editor.model.NodeField;
import io.stellwerk.node.topology.LoadResult;
import io.stellwerk.node.topology.Topology;
import io.stellwerk.node.topology.TopologyLoader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RoundTripWriterTest {

  private final String text = Examples.text("tunnel.yaml");
  private final Topology original = Examples.load("tunnel.yaml").topology();
  private final CommandStack stack = new CommandStack(EditorState.opened(original));
  private final RoundTripWriter writer = new RoundTripWriter(text, original);

  @ParameterizedTest
  @ValueSource(strings = {"tunnel.yaml", "large.yaml", "ha-middle.yaml", "single-level-ha.yaml"})
  void anUnchangedFileIsSavedByteForByte(String name) {
    LoadResult r = Examples.load(name);
    String t = Examples.text(name);

    assertThat(new RoundTripWriter(t, r.topology()).write(EditorState.opened(r.topology())))
        .isEqualTo(t);
  }

  @Test
  void editingOnePortChangesExactlyThatLine() {
    apply(Edits.set(topology(), "root.s2", NodeField.PORT, "7200"));

    assertThat(changedLines(text, writer.write(stack.state())))
        .containsExactly("      port: 7100 ->       port: 7200");
  }

  @Test
  void editingAPeerHostInAFlowMappingChangesOnlyThatLine() {
    apply(Edits.set(topology(), "root", NodeField.BACKUP_HOST, "10.0.0.9"));

    assertThat(changedLines(text, writer.write(stack.state())))
        .containsExactly(
            "    backup: {host: 127.0.1.2, port: 7100} ->     backup: {host: 10.0.0.9, port: 7100}");
  }

  @Test
  void renamingRewritesOnlyTheIdLinesOfTheSubtreeAndKeepsComments() {
    apply(Edits.rename(topology(), "root.s1", "tube1"));

    String saved = writer.write(stack.state());

    assertThat(changedLines(text, saved))
        .containsExactly(
            "    - id: root.s1 ->     - id: root.tube1",
            "        - id: root.s1.pump1 ->         - id: root.tube1.pump1");
    assertThat(saved).startsWith("# The demo federation");
    assertReloadsTo(saved, stack.state().topology());
  }

  @Test
  void undoingEveryEditGivesBackTheOriginalBytes() {
    apply(Edits.rename(topology(), "root.s1", "tube1"));
    apply(Edits.addChild(topology(), "root"));
    apply(Edits.move(topology(), "root.s2", "root.tube1"));
    apply(Edits.convertToPair(topology(), "root.tube1.pump1"));
    for (int i = 0; i < 4; i++) {
      stack.undo();
    }

    assertThat(writer.write(stack.state())).isEqualTo(text);
  }

  @Test
  void movedAddedDeletedAndConvertedNodesReloadToTheEditedModel() {
    apply(Edits.move(topology(), "root.s2", "root.s1.pump1"));
    apply(Edits.addChild(topology(), "root.s1"));
    apply(Edits.convertToPair(topology(), "root.s1"));
    apply(Edits.addSibling(topology(), "root.s1"));
    apply(Edits.delete(topology(), "root.s1.node1"));

    String saved = writer.write(stack.state());

    assertReloadsTo(saved, stack.state().topology());
    assertThat(saved).contains("      plc: {kind: simulator, rate: 5, fans: 4}\n");
    assertThat(saved).contains("            - id: root.s1.pump1.s2\n");
  }

  @Test
  void deletingASubtreeRemovesExactlyItsLines() {
    apply(Edits.delete(topology(), "root.s1"));

    String saved = writer.write(stack.state());

    List<String> lines = text.lines().toList();
    int first = lines.indexOf("    - id: root.s1");
    int next = lines.indexOf("    - id: root.s2");
    List<String> expected = new ArrayList<>(lines.subList(0, first));
    expected.addAll(lines.subList(next, lines.size()));
    assertThat(next - first).isEqualTo(9);
    assertThat(saved.lines().toList()).isEqualTo(expected);
    assertReloadsTo(saved, stack.state().topology());
  }

  private Topology topology() {
    return stack.state().topology();
  }

  private void apply(io.stellwerk.editor.command.EditCommand c) {
    stack.execute(c);
  }

  private static void assertReloadsTo(String saved, Topology expected) {
    LoadResult again = TopologyLoader.parse("saved.yaml", saved);
    assertThat(again.problems()).isEmpty();
    assertThat(again.topology().root()).isEqualTo(expected.root());
  }

  /** Changed lines as "old -> new", for edits that keep the line count. */
  static List<String> changedLines(String before, String after) {
    List<String> a = before.lines().toList();
    List<String> b = after.lines().toList();
    assertThat(b).hasSameSizeAs(a);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < a.size(); i++) {
      if (!a.get(i).equals(b.get(i))) {
        out.add(a.get(i) + " -> " + b.get(i));
      }
    }
    return out;
  }
}
