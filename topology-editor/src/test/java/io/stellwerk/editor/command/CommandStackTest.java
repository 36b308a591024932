package io.stellwerk.editor.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stellwerk.editor.Examples;
import io.stellwerk.editor.model.EditorState;
import io.stellwerk.editor.model.NodeField;
import org.junit.jupiter.api.Test;

/** The undo history and its save point, with real commands on the demo topology. */
class CommandStackTest {

  private final EditorState opened = EditorState.opened(Examples.load("tunnel.yaml").topology());
  private final CommandStack stack = new CommandStack(opened);

  private EditorState run(
      java.util.function.Function<io.stellwerk.node.topology.Topology, EditCommand> c) {
    return stack.execute(c.apply(stack.state().topology()));
  }

  @Test
  void undoAndRedoStepThroughTheVeryStatesTheEditsMade() {
    EditorState moved = run(t -> Edits.move(t, "root.s2", "root.s1"));
    EditorState renamed = run(t -> Edits.rename(t, "root.s1", "north"));
    EditorState ported = run(t -> Edits.set(t, "root.north.s2", NodeField.PORT, "7300"));

    assertThat(stack.undo()).isSameAs(renamed);
    assertThat(stack.undo()).isSameAs(moved);
    assertThat(stack.undo()).isSameAs(opened);
    assertThat(stack.canUndo()).isFalse();
    assertThat(stack.undo()).isSameAs(opened);

    assertThat(stack.redo()).isSameAs(moved);
    assertThat(stack.redo()).isSameAs(renamed);
    assertThat(stack.redo()).isSameAs(ported);
    assertThat(stack.canRedo()).isFalse();
    assertThat(stack.redo()).isSameAs(ported);
  }

  @Test
  void theNextUndoAndRedoAreDescribedForTheMenu() {
    run(t -> Edits.move(t, "root.s2", "root.s1"));
    run(t -> Edits.delete(t, "root.s1"));

    assertThat(stack.nextUndo())
        .get()
        .extracting(EditCommand::description)
        .isEqualTo("Delete root.s1 and 2 nodes below it");
    stack.undo();
    assertThat(stack.nextUndo())
        .get()
        .extracting(EditCommand::description)
        .isEqualTo("Move root.s2 under root.s1");
    assertThat(stack.nextRedo())
        .get()
        .extracting(EditCommand::description)
        .isEqualTo("Delete root.s1 and 2 nodes below it");
  }

  @Test
  void aNewEditAfterUndoingDropsTheRedoHistory() {
    run(t -> Edits.move(t, "root.s2", "root.s1"));
    stack.undo();

    EditorState added = run(t -> Edits.addChild(t, "root.s2"));

    assertThat(stack.canRedo()).isFalse();
    assertThat(stack.undo()).isSameAs(opened);
    assertThat(stack.redo()).isSameAs(added);
  }

  @Test
  void theDirtyMarkerFollowsTheSavePointThroughUndoAndRedo() {
    assertThat(stack.isDirty()).isFalse();
    run(t -> Edits.set(t, "root.s2", NodeField.PORT, "7300"));
    assertThat(stack.isDirty()).isTrue();
    stack.undo();
    assertThat(stack.isDirty()).isFalse();
    stack.redo();
    assertThat(stack.isDirty()).isTrue();

    stack.markSaved();
    assertThat(stack.isDirty()).isFalse();
    stack.undo();
    assertThat(stack.isDirty()).isTrue();
    stack.redo();
    assertThat(stack.isDirty()).isFalse();
  }

  @Test
  void aSavePointLeftBehindByANewEditIsNeverCleanAgain() {
    run(t -> Edits.set(t, "root.s2", NodeField.PORT, "7300"));
    stack.markSaved();
    stack.undo();

    run(t -> Edits.set(t, "root.s2", NodeField.PORT, "7400"));
    assertThat(stack.isDirty()).isTrue();
    stack.undo();

    // Back at the opened state, but the file on disk holds port 7300.
    assertThat(stack.state()).isSameAs(opened);
    assertThat(stack.isDirty()).isTrue();
  }

  @Test
  void aSaveWrittenWhileTheUserWentOnEditingIsCleanWhenUndoReturnsToIt() {
    EditorState written = run(t -> Edits.set(t, "root.s2", NodeField.PORT, "7300"));
    run(t -> Edits.set(t, "root.s2", NodeField.PORT, "7400"));

    stack.markSaved(written);

    assertThat(stack.isDirty()).isTrue();
    stack.undo();
    assertThat(stack.isDirty()).isFalse();
    stack.undo();
    assertThat(stack.isDirty()).isTrue();
  }

  @Test
  void aSaveOfAStateNoLongerInTheHistoryLeavesNothingClean() {
    EditorState written = run(t -> Edits.set(t, "root.s2", NodeField.PORT, "7300"));
    stack.undo();
    run(t -> Edits.set(t, "root.s2", NodeField.PORT, "7400"));

    stack.markSaved(written);

    assertThat(stack.isDirty()).isTrue();
    stack.undo();
    assertThat(stack.isDirty()).isTrue();
  }

  @Test
  void aRefusedEditLeavesTheHistoryAsItWas() {
    run(t -> Edits.addChild(t, "root"));

    assertThatThrownBy(() -> run(t -> Edits.move(t, "root.s1", "root.s1.pump1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a node cannot go under itself or its own subtree");

    assertThat(stack.nextUndo())
        .get()
        .extracting(EditCommand::description)
        .isEqualTo("Add root.node1 under root");
    assertThat(stack.canRedo()).isFalse();
  }
}
