package io.stellwerk.workbench.shell;

import io.stellwerk.workbench.Template;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Prompts for tests: file choices and templates come from a script, yes/no questions are recorded
 * and answered with {@link #answer}; the unsaved-changes question is the real dialog, so tests
 * click its buttons.
 */
final class ScriptedPrompts implements Prompts {

  final Deque<Path> files = new ArrayDeque<>();
  final List<String> questions = new CopyOnWriteArrayList<>();
  volatile boolean answer = true;
  DialogPrompts dialogs;

  @Override
  public Unsaved unsavedChanges(String name) {
    return dialogs.unsavedChanges(name);
  }

  @Override
  public boolean confirm(String title, String question) {
    questions.add(question);
    return answer;
  }

  @Override
  public Optional<Path> openFile(Path initialDirectory) {
    return Optional.ofNullable(files.poll());
  }

  @Override
  public Optional<Path> saveFile(String suggestedName, Path initialDirectory) {
    return Optional.ofNullable(files.poll());
  }

  @Override
  public Optional<Template> template() {
    return Optional.of(Template.PAIR_AT_ROOT);
  }
}
