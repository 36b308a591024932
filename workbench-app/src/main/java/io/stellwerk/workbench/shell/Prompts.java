package io.stellwerk.workbench.shell;

import io.stellwerk.workbench.Template;
import java.nio.file.Path;
import java.util.Optional;

/** Every question the shell asks the user; {@link DialogPrompts} asks with dialogs. */
public interface Prompts {

  /** The answers to "this file has unsaved changes". */
  enum Unsaved {
    SAVE,
    DISCARD,
    CANCEL
  }

  /** What to do with a document that has unsaved changes before it closes. */
  Unsaved unsavedChanges(String name);

  /** A yes/no question. */
  boolean confirm(String title, String question);

  /** A file to open. */
  Optional<Path> openFile(Path initialDirectory);

  /** Where to save. */
  Optional<Path> saveFile(String suggestedName, Path initialDirectory);

  /** The template for a new topology. */
  Optional<Template> template();
}
