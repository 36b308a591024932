package io.stellwerk.editor.document;

import io.stellwerk.editor.command.CommandStack;
import io.stellwerk.editor.command.EditCommand;
import io.stellwerk.editor.model.EditorState;
import io.stellwerk.editor.yaml.RoundTripWriter;
import io.stellwerk.node.topology.LoadResult;
import io.stellwerk.node.topology.Problem;
import io.stellwerk.node.topology.Topology;
import io.stellwerk.node.topology.TopologyLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * One open topology file: the current state behind a command history, the dirty marker tied to the
 * save point, the selection, and the problems of the current state. Problems come from the very
 * loader {@code stellwerk-node validate} uses, run on the text that saving would write, so the
 * Problems view, the CLI and the saved file always agree. That validation runs on the given
 * executor and its result is posted through {@code post}; tests pass same-thread versions of both.
 */
public final class TopologyDocument {

  private final String name;
  private final ObjectProperty<Path> path = new SimpleObjectProperty<>();
  private final String openedText;
  private final RoundTripWriter writer;
  private final CommandStack history;
  private final Executor background;
  private final Executor post;
  private final AtomicLong generation = new AtomicLong();

  private final ReadOnlyObjectWrapper<EditorState> state = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyBooleanWrapper dirty = new ReadOnlyBooleanWrapper();
  private final ReadOnlyStringWrapper undoText = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper redoText = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
  private final ObservableList<Problem> problems = FXCollections.observableArrayList();
  private final Selection selection = new Selection();
  // The selection just before each edit, and just after it once the edit is undone: undo and redo
  // bring back the selection of their moment. Held as long as the history holds the command.
  private final Map<EditCommand, Selections> selections = new WeakHashMap<>();

  private static final class Selections {
    private final List<String> before;
    private List<String> after;

    Selections(List<String> before) {
      this.before = before;
    }
  }

  private TopologyDocument(
      String name, Path path, String text, LoadResult loaded, Executor background, Executor post) {
    this.name = name;
    this.path.set(path);
    this.openedText = text;
    this.background = background;
    this.post = post;
    Topology t = loaded.topology();
    this.writer = new RoundTripWriter(text, t);
    this.history = t == null ? null : new CommandStack(EditorState.opened(t));
    this.problems.setAll(loaded.problems());
    if (history != null) {
      state.set(history.state());
      // Ready for the first edit's validation, without making the opening wait for it.
      background.execute(writer::prepare);
    }
    refreshHistory();
  }

  /**
   * A throw-away copy at {@code from} for rehearsals: its validation runs on {@code background},
   * its results are applied in place.
   */
  private TopologyDocument(TopologyDocument of, EditorState from, Executor background) {
    this.name = of.name;
    this.openedText = of.openedText;
    this.writer = of.writer;
    this.background = background;
    this.post = Runnable::run;
    this.history = new CommandStack(from);
    state.set(from);
    refreshHistory();
  }

  /**
   * How long edits settle before live validation starts. Validating the large example takes about 7
   * ms of CPU; started at once, it competed for a small laptop's cores with the frame that shows
   * the edit, which then took up to three times as long (two cores, docs/PERFORMANCE.md). A burst
   * of edits (typing in a field) is validated once.
   */
  public static final Duration SETTLE = Duration.ofMillis(100);

  /**
   * {@code background} with every task started once {@link #SETTLE} has passed: what a workbench
   * passes as a document's background executor, so that live validation (and the document's other
   * background preparations) stay out of the frames that show an edit.
   */
  public static Executor settling(Executor background) {
    return CompletableFuture.delayedExecutor(SETTLE.toMillis(), TimeUnit.MILLISECONDS, background);
  }

  /**
   * Opens text read from {@code path} ({@code null} for a new, unsaved document). A broken file
   * opens too: it has no state and can't be edited, but its problems are listed.
   */
  public static TopologyDocument open(
      String name, Path path, String text, Executor background, Executor post) {
    return new TopologyDocument(
        name, path, text, TopologyLoader.parse(name, text), background, post);
  }

  /** The name problems are reported under (the file name). */
  public String name() {
    return name;
  }

  /** Where the document is saved; {@code null} until it is saved once. */
  public ObjectProperty<Path> pathProperty() {
    return path;
  }

  /** Whether the opened text was a valid topology, so the document can be edited. */
  public boolean editable() {
    return history != null;
  }

  /** The current state; {@code null} for a broken file. */
  public ReadOnlyObjectProperty<EditorState> stateProperty() {
    return state.getReadOnlyProperty();
  }

  /** The current model; {@code null} for a broken file. */
  public Topology topology() {
    return state.get() == null ? null : state.get().topology();
  }

  /** Whether the state differs from the last save. */
  public ReadOnlyBooleanProperty dirtyProperty() {
    return dirty.getReadOnlyProperty();
  }

  /** "Undo Move s2 under root.s1", or empty when there is nothing to undo. */
  public ReadOnlyStringProperty undoTextProperty() {
    return undoText.getReadOnlyProperty();
  }

  /** "Redo ...", or empty when there is nothing to redo. */
  public ReadOnlyStringProperty redoTextProperty() {
    return redoText.getReadOnlyProperty();
  }

  /** The last thing worth telling the user (an edit refused, and why). */
  public ReadOnlyStringProperty messageProperty() {
    return message.getReadOnlyProperty();
  }

  /** Every problem of the current state, in file order. */
  public ObservableList<Problem> problems() {
    return problems;
  }

  /** The selected nodes and the focused field. */
  public Selection selection() {
    return selection;
  }

  /**
   * Builds and executes a command; a refusal (the builder or the command throwing {@link
   * IllegalArgumentException}) becomes the message and changes nothing.
   */
  public Optional<String> edit(Supplier<EditCommand> command) {
    if (history == null) {
      return refuse("the file has problems that keep it from being edited; fix them in the file");
    }
    try {
      EditCommand c = command.get();
      List<String> before = List.copyOf(selection.ids());
      history.execute(c);
      selections.put(c, new Selections(before));
    } catch (IllegalArgumentException e) {
      return refuse(e.getMessage());
    }
    message.set("");
    changed();
    return Optional.empty();
  }

  private Optional<String> refuse(String why) {
    message.set(why);
    return Optional.of(why);
  }

  /** Reverts the last edit and selects what was selected just before it. */
  public void undo() {
    if (history != null && history.canUndo()) {
      EditCommand c = history.nextUndo().orElseThrow();
      List<String> now = List.copyOf(selection.ids());
      history.undo();
      changed();
      Selections s = selections.get(c);
      if (s != null) {
        s.after = now;
        selection.restore(s.before, topology());
      }
    }
  }

  /** Repeats the last undone edit and selects what was selected when it was undone. */
  public void redo() {
    if (history != null && history.canRedo()) {
      EditCommand c = history.nextRedo().orElseThrow();
      history.redo();
      changed();
      Selections s = selections.get(c);
      if (s != null && s.after != null) {
        selection.restore(s.after, topology());
      }
    }
  }

  /** The text saving would write now. */
  public String text() {
    return history == null ? openedText : writer.write(history.state());
  }

  /**
   * The text saving would write for a given state of this document. Pure and thread-safe, so a
   * shell can render on a background thread from a state it took on the FX thread.
   */
  public String textOf(EditorState s) {
    return s == null ? openedText : writer.write(s);
  }

  /** Records that {@link #text()} was written to {@code savedTo}. */
  public void saved(Path savedTo) {
    path.set(savedTo);
    if (history != null) {
      history.markSaved();
    }
    refreshHistory();
  }

  /**
   * Records that the text of {@code written} was saved to {@code savedTo}. The user may have edited
   * while it was written: the save point goes to the history position of that state, so the
   * document stays dirty now and becomes clean when undo comes back to it.
   */
  public void saved(Path savedTo, EditorState written) {
    path.set(savedTo);
    if (history != null) {
      history.markSaved(written);
    }
    refreshHistory();
  }

  /**
   * Rehearses on the background executor, on a throw-away copy of this document, what the first
   * drop of a drag runs: a move, its undo, redo and validation, and what the properties panel reads
   * of a node ({@link Rehearsal}). Then hands {@code views}, through the post executor, a small
   * editable document cut from this one (the first levels of the tree, at most three children each)
   * that validates nothing, for the views to rehearse on. The first time that code runs in a JVM it
   * loads and links classes; rehearsed, the user's first drop finds it ready. This document, its
   * history, dirty marker, selection and problems are left untouched. Call it on the FX thread;
   * nothing happens for a document that can't be edited.
   */
  public void rehearse(Consumer<TopologyDocument> views) {
    if (history == null) {
      return;
    }
    EditorState from = history.state();
    background.execute(
        () -> {
          Rehearsal.run(new TopologyDocument(this, from, Runnable::run));
          TopologyDocument cut =
              new TopologyDocument(
                  this, EditorState.opened(Rehearsal.cut(from.topology())), r -> {});
          post.execute(() -> views.accept(cut));
        });
  }

  private void changed() {
    state.set(history.state());
    selection.retainExisting(topology());
    refreshHistory();
    validate();
  }

  /**
   * Validates the current state off the caller's thread; only the newest result is shown, and a
   * validation that a newer edit overtook before it started is skipped.
   */
  public void validate() {
    if (history == null) {
      return;
    }
    long mine = generation.incrementAndGet();
    EditorState s = history.state();
    background.execute(
        () -> {
          if (generation.get() != mine) {
            return;
          }
          List<Problem> found = TopologyLoader.parse(name, writer.write(s)).problems();
          post.execute(
              () -> {
                if (generation.get() == mine && !problems.equals(found)) {
                  problems.setAll(found);
                }
              });
        });
  }

  private void refreshHistory() {
    dirty.set(history != null && history.isDirty());
    undoText.set(
        history == null ? "" : history.nextUndo().map(c -> "Undo " + c.description()).orElse(""));
    redoText.set(
        history == null ? "" : history.nextRedo().map(c -> "Redo " + c.description()).orElse(""));
  }
}
