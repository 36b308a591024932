package io.stellwerk.editor.view;

/** Asks the user a yes/no question; the shell shows a dialog, tests answer directly. */
@FunctionalInterface
public interface Confirmer {

  /** Whether the user agreed to the action the question describes. */
  boolean confirm(String title, String question);
}
