package io.stellwerk.editor.command;

import io.stellwerk.editor.model.EditorState;

/**
 * One user edit. {@link #execute} computes the new state from the current one; {@link #undo} and
 * {@link #redo} give back exactly the states before and after, so undoing restores the model bit
 * for bit, however the edit was made.
 */
public interface EditCommand {

  /** What the edit does, as shown in the Edit menu ("Move root.s2 under root.s1"). */
  String description();

  /**
   * Applies the edit to {@code current} and remembers both states.
   *
   * @throws IllegalArgumentException with a sentence for the user when the edit is not possible
   */
  EditorState execute(EditorState current);

  /** The state before {@link #execute}. */
  EditorState undo();

  /** The state after {@link #execute}. */
  EditorState redo();
}
