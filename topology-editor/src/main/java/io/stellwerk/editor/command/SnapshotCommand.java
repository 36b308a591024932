package io.stellwerk.editor.command;

import io.stellwerk.editor.model.EditorState;
import java.util.function.UnaryOperator;

/**
 * A command that keeps the states before and after. States are immutable and share all unchanged
 * nodes, so a snapshot costs only the path from the root to the changed node.
 */
final class SnapshotCommand implements EditCommand {

  private final String description;
  private final UnaryOperator<EditorState> edit;
  private EditorState before;
  private EditorState after;

  SnapshotCommand(String description, UnaryOperator<EditorState> edit) {
    this.description = description;
    this.edit = edit;
  }

  @Override
  public String description() {
    return description;
  }

  @Override
  public EditorState execute(EditorState current) {
    before = current;
    after = edit.apply(current);
    return after;
  }

  @Override
  public EditorState undo() {
    return before;
  }

  @Override
  public EditorState redo() {
    return after;
  }
}
