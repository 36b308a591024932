package io.stellwerk.editor.command;

import io.stellwerk.editor.model.EditorState;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The undo history of one document. The save point is the history position at the last save; the
 * document is dirty exactly when the position differs from it, so undoing back to the saved state
 * clears the dirty marker and redoing past it sets it again. A save point lost by executing a new
 * command after undoing below it can never be reached again.
 */
public final class CommandStack {

  private final List<EditCommand> done = new ArrayList<>();
  private final EditorState initial;
  private int position;
  private int savePoint;
  private EditorState state;

  /** A history that starts at {@code initial}, which counts as saved. */
  public CommandStack(EditorState initial) {
    this.initial = initial;
    this.state = initial;
  }

  /** The current state. */
  public EditorState state() {
    return state;
  }

  /** Executes a command and records it; redo history above the position is dropped. */
  public EditorState execute(EditCommand command) {
    EditorState next = command.execute(state);
    done.subList(position, done.size()).clear();
    if (savePoint > position) {
      savePoint = -1;
    }
    done.add(command);
    position++;
    state = next;
    return state;
  }

  /** Whether there is something to undo. */
  public boolean canUndo() {
    return position > 0;
  }

  /** Whether there is something to redo. */
  public boolean canRedo() {
    return position < done.size();
  }

  /** The command undo would revert. */
  public Optional<EditCommand> nextUndo() {
    return canUndo() ? Optional.of(done.get(position - 1)) : Optional.empty();
  }

  /** The command redo would repeat. */
  public Optional<EditCommand> nextRedo() {
    return canRedo() ? Optional.of(done.get(position)) : Optional.empty();
  }

  /** Reverts the last command; no change when there is none. */
  public EditorState undo() {
    if (canUndo()) {
      state = done.get(--position).undo();
    }
    return state;
  }

  /** Repeats the last undone command; no change when there is none. */
  public EditorState redo() {
    if (canRedo()) {
      state = done.get(position++).redo();
    }
    return state;
  }

  /** Marks the current position as saved. */
  public void markSaved() {
    savePoint = position;
  }

  /**
   * Marks the position whose state is {@code written} as saved: a save that was written in the
   * background while the user went on editing. If that state is no longer in the history (its
   * branch was replaced), no position is clean any more.
   */
  public void markSaved(EditorState written) {
    savePoint = -1;
    for (int p = 0; p <= done.size(); p++) {
      if ((p == 0 ? initial : done.get(p - 1).redo()) == written) {
        savePoint = p;
        return;
      }
    }
  }

  /** Whether the state differs from the last save. */
  public boolean isDirty() {
    return position != savePoint;
  }
}
