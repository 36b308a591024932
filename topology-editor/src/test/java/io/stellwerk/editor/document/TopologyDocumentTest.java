package io.stellwerk.editor.document;

import static org.assertj.core.api.Assertions.assertThat;

import io.stellwerk.editor.Examples;
import io.stellwerk.editor.command.Edits;
import io.stellwerk.editor.model.NodeField;
import io.stellwerk.node.topology.Problem;
import io.stellwerk.node.topology.Topology;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.Test;

/**
 * The document view model without a window: history, dirty marker, selection, live problems. Its
 * background and FX executors are queues the test runs by hand, so it decides when validation
 * happens and in which order results arrive.
 */
class TopologyDocumentTest {

  private final Deque<Runnable> background = new ArrayDeque<>();
  private final Deque<Runnable> fx = new ArrayDeque<>();
  private final String text = Examples.text("tunnel.yaml");
  private final TopologyDocument doc =
      TopologyDocument.open("tunnel.yaml", Path.of("tunnel.yaml"), text, background::add, fx::add);

  private static void runAll(Deque<Runnable> queue) {
    while (!queue.isEmpty()) {
      queue.poll().run();
    }
  }

  private void settle() {
    runAll(background);
    runAll(fx);
  }

  @Test
  void aValidFileOpensCleanEditableWithoutProblemsAndSavesAsItWasRead() {
    settle();

    assertThat(doc.editable()).isTrue();
    assertThat(doc.dirtyProperty().get()).isFalse();
    assertThat(doc.problems()).isEmpty();
    assertThat(doc.undoTextProperty().get()).isEmpty();
    assertThat(doc.text()).isSameAs(text);
  }

  @Test
  void aBrokenFileOpensReadOnlyWithItsProblemsAndRefusesEdits() {
    TopologyDocument broken =
        TopologyDocument.open(
            "broken.yaml",
            null,
            text.replace("port: 7100\n", "port: many\n"),
            Runnable::run,
            Runnable::run);

    assertThat(broken.editable()).isFalse();
    assertThat(broken.topology()).isNull();
    assertThat(broken.problems()).isNotEmpty().allMatch(p -> p.format().startsWith("broken.yaml:"));
    assertThat(broken.edit(() -> Edits.addChild(null, "root")))
        .contains("the file has problems that keep it from being edited; fix them in the file");
    assertThat(broken.messageProperty().get()).startsWith("the file has problems");
    assertThat(broken.text()).isEqualTo(text.replace("port: 7100\n", "port: many\n"));
  }

  @Test
  void anEditMarksTheDocumentDirtyAndUndoingBackToTheSavePointClearsIt() {
    Topology opened = doc.topology();

    assertThat(doc.edit(() -> Edits.set(doc.topology(), "root.s2", NodeField.PORT, "7200")))
        .isEmpty();
    assertThat(doc.dirtyProperty().get()).isTrue();
    assertThat(doc.undoTextProperty().get()).isEqualTo("Undo Set base port of root.s2 to 7200");
    assertThat(doc.text()).contains("      port: 7200\n");

    doc.undo();
    assertThat(doc.topology()).isSameAs(opened);
    assertThat(doc.dirtyProperty().get()).isFalse();
    assertThat(doc.redoTextProperty().get()).isEqualTo("Redo Set base port of root.s2 to 7200");
    assertThat(doc.text()).isEqualTo(text);

    doc.redo();
    assertThat(doc.dirtyProperty().get()).isTrue();
  }

  @Test
  void savingMovesTheSavePointOnlyIfTheDocumentIsStillInTheWrittenState() {
    doc.edit(() -> Edits.set(doc.topology(), "root.s2", NodeField.PORT, "7200"));
    var written = doc.stateProperty().get();
    doc.edit(() -> Edits.set(doc.topology(), "root.s2", NodeField.HOST, "127.0.1.9"));

    doc.saved(Path.of("elsewhere.yaml"), written);

    assertThat(doc.pathProperty().get()).isEqualTo(Path.of("elsewhere.yaml"));
    assertThat(doc.dirtyProperty().get()).isTrue();
    doc.undo();
    assertThat(doc.dirtyProperty().get()).isFalse();
  }

  @Test
  void undoSelectsWhatWasSelectedBeforeTheEditAndRedoWhatWasSelectedWhenItWasUndone() {
    doc.selection().select("root.s2");
    doc.edit(() -> Edits.move(doc.topology(), "root.s2", "root.s1.pump1"));
    doc.selection().select("root.s1.pump1.s2");

    doc.undo();
    assertThat(doc.selection().ids()).containsExactly("root.s2");

    doc.selection().select("root.s1");
    doc.redo();
    // What was selected when the edit was undone, not what was selected since.
    assertThat(doc.selection().ids()).containsExactly("root.s1.pump1.s2");
    doc.undo();
    assertThat(doc.selection().ids()).containsExactly("root.s2");
  }

  @Test
  void aRenameUndoneAndRedoneSelectsTheNodeUnderTheNameOfEachMoment() {
    doc.selection().select("root.s2");
    doc.edit(() -> Edits.rename(doc.topology(), "root.s2", "s9"));
    doc.selection().select("root.s9");

    doc.undo();
    assertThat(doc.selection().ids()).containsExactly("root.s2");
    doc.redo();
    assertThat(doc.selection().ids()).containsExactly("root.s9");
  }

  @Test
  void aRefusedEditChangesNothingAndSaysWhy() {
    Topology before = doc.topology();

    assertThat(doc.edit(() -> Edits.rename(doc.topology(), "root.s1", "s2")))
        .contains("there is already a node root.s2");

    assertThat(doc.topology()).isSameAs(before);
    assertThat(doc.messageProperty().get()).isEqualTo("there is already a node root.s2");
    assertThat(doc.dirtyProperty().get()).isFalse();
    assertThat(background).hasSize(1); // only the opening's preparation, no validation
  }

  @Test
  void problemsComeFromValidatingTheTextSavingWouldWriteAndOnlyTheNewestResultIsShown() {
    settle();
    doc.edit(() -> Edits.set(doc.topology(), "root.s2", NodeField.PORT, "80"));
    background.poll().run(); // port 80 is being validated when the next edit comes
    doc.edit(() -> Edits.set(doc.topology(), "root.s2", NodeField.PORT, "7300"));
    assertThat(doc.problems()).isEmpty();

    runAll(background);
    assertThat(fx).hasSize(2);
    Runnable older = fx.poll();
    Runnable newer = fx.poll();
    newer.run();
    older.run(); // arrives late: the port-80 problem belongs to a state that is gone

    assertThat(doc.problems()).isEmpty();

    doc.undo();
    settle();
    assertThat(doc.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.nodeId()).isEqualTo("root.s2");
              assertThat(p.field()).isEqualTo("port");
              assertThat(p.line()).isEqualTo(25);
              assertThat(p.message()).startsWith("port 80 of root.s2 is out of range");
            });
  }

  @Test
  void aResultEqualToTheProblemsShownLeavesTheListUntouched() {
    settle();
    List<String> changes = new ArrayList<>();
    doc.problems().addListener((ListChangeListener<Problem>) c -> changes.add(c.toString()));

    // Views repaint on every change of the list: a result that says what is shown is not one.
    doc.edit(() -> Edits.set(doc.topology(), "root.s2", NodeField.PORT, "7301"));
    settle();
    assertThat(changes).isEmpty();

    doc.edit(() -> Edits.set(doc.topology(), "root.s2", NodeField.PORT, "80"));
    settle();
    assertThat(changes).hasSize(1);
    doc.edit(() -> Edits.set(doc.topology(), "root.s2", NodeField.HOST, "127.0.1.9"));
    settle();
    assertThat(changes).hasSize(1);
    assertThat(doc.problems())
        .singleElement()
        .satisfies(p -> assertThat(p.field()).isEqualTo("port"));
  }

  @Test
  void aValidationOvertakenBeforeItStartsIsSkipped() {
    settle();
    doc.edit(() -> Edits.set(doc.topology(), "root.s2", NodeField.PORT, "80"));
    doc.edit(() -> Edits.set(doc.topology(), "root.s2", NodeField.PORT, "81"));
    doc.edit(() -> Edits.set(doc.topology(), "root.s2", NodeField.PORT, "7300"));
    assertThat(background).hasSize(3);

    runAll(background);

    assertThat(fx).hasSize(1); // only the newest state was parsed and validated
    runAll(fx);
    assertThat(doc.problems()).isEmpty();
  }

  @Test
  void settlingStartsTasksOnlyAfterTheDelay() throws Exception {
    ArrayBlockingQueue<Long> ran = new ArrayBlockingQueue<>(1);
    long asked = System.nanoTime();
    TopologyDocument.settling(Runnable::run).execute(() -> ran.add(System.nanoTime()));

    Long at = ran.poll(10, TimeUnit.SECONDS);
    assertThat(at).isNotNull();
    assertThat(Duration.ofNanos(at - asked)).isGreaterThanOrEqualTo(TopologyDocument.SETTLE);
  }

  @Test
  void theSelectionLosesNodesAnEditRemovedAndCarriesTheFieldAProblemNames() {
    doc.selection().select("root.s1.pump1");
    doc.selection().toggle("root.s2");
    assertThat(doc.selection().ids()).containsExactly("root.s1.pump1", "root.s2");

    doc.edit(() -> Edits.delete(doc.topology(), "root.s1"));
    assertThat(doc.selection().ids()).containsExactly("root.s2");

    doc.selection().select("root.s2", "port");
    assertThat(doc.selection().primary()).isEqualTo("root.s2");
    assertThat(doc.selection().fieldProperty().get()).isEqualTo("port");
    doc.selection().toggle("root");
    assertThat(doc.selection().fieldProperty().get()).isNull();
  }

  @Test
  void aDragAcrossManyNodesIsOneUndoStepAndTheModelIsUntouchedUntilTheDrop() {
    Topology before = doc.topology();
    MoveGesture drag = new MoveGesture(doc, "root.s2");
    List<String> feedback = new ArrayList<>();

    for (String over :
        new String[] {"root.s2", null, "root", "root.s1", "root.s1.pump1", "root.s1.pump1"}) {
      if (drag.over(over)) {
        feedback.add(drag.feedback());
      }
      assertThat(doc.topology()).isSameAs(before);
    }

    assertThat(feedback)
        .containsExactly(
            "Cannot move here: a node cannot go under itself or its own subtree",
            "Move root.s2: drop onto the node that becomes the new parent",
            "Cannot move here: root.s2 is already under root",
            "Move root.s2 under root.s1",
            "Move root.s2 under root.s1.pump1");
    assertThat(drag.allowed()).isTrue();

    assertThat(drag.drop()).isEmpty();

    assertThat(doc.topology().node("root.s1.pump1.s2")).isPresent();
    assertThat(doc.selection().primary()).isEqualTo("root.s1.pump1.s2");
    assertThat(doc.undoTextProperty().get()).isEqualTo("Undo Move root.s2 under root.s1.pump1");
    doc.undo();
    assertThat(doc.topology()).isSameAs(before);
    assertThat(doc.undoTextProperty().get()).isEmpty();
    assertThat(doc.dirtyProperty().get()).isFalse();
  }

  @Test
  void aDropWhereTheMoveIsForbiddenChangesNothing() {
    Topology before = doc.topology();
    MoveGesture drag = new MoveGesture(doc, "root.s1");
    drag.over("root.s1.pump1");

    assertThat(drag.allowed()).isFalse();
    assertThat(drag.drop()).contains("a node cannot go under itself or its own subtree");

    assertThat(doc.topology()).isSameAs(before);
    assertThat(doc.undoTextProperty().get()).isEmpty();
  }

  @Test
  void derivedEndpointsAreThoseTheRuntimePlans() {
    List<String> lines = EndpointLines.of(doc.topology(), "root.s1");

    assertThat(lines)
        .containsExactly(
            "root.s1 (127.0.1.3:7100)",
            "  bind    tcp://127.0.1.3:7100  ROUTER south requests (sync, commands, history)",
            "  bind    tcp://127.0.1.3:7101  PUB south live updates and heartbeats",
            "  bind    tcp://127.0.1.3:7102  PUB north subtree updates and heartbeats",
            "  bind    tcp://127.0.1.3:7104  ROUTER management",
            "  connect tcp://127.0.1.1:7100  ROUTER south requests (sync, commands, history) of"
                + " root[primary]",
            "  connect tcp://127.0.1.2:7100  ROUTER south requests (sync, commands, history) of"
                + " root[backup]",
            "  connect tcp://127.0.1.1:7101  PUB south live updates and heartbeats of root[primary]",
            "  connect tcp://127.0.1.2:7101  PUB south live updates and heartbeats of root[backup]",
            "  connect tcp://127.0.1.5:7102  PUB north subtree updates and heartbeats of"
                + " root.s1.pump1");
  }

  @Test
  void aRehearsalLeavesTheDocumentItsHistoryDirtyMarkerSelectionAndProblemsAsTheyWere() {
    settle();
    doc.edit(() -> Edits.set(doc.topology(), "root.s2", NodeField.PORT, "80"));
    settle();
    doc.selection().select("root.s1");
    var state = doc.stateProperty().get();
    var problems = List.copyOf(doc.problems());
    List<TopologyDocument> cuts = new ArrayList<>();

    doc.rehearse(cuts::add);
    settle();

    assertThat(doc.stateProperty().get()).isSameAs(state);
    assertThat(doc.problems()).isNotEmpty().isEqualTo(problems);
    assertThat(doc.selection().ids()).containsExactly("root.s1");
    assertThat(doc.dirtyProperty().get()).isTrue();
    assertThat(doc.undoTextProperty().get()).isEqualTo("Undo Set base port of root.s2 to 80");
    assertThat(doc.redoTextProperty().get()).isEmpty();
    doc.undo();
    assertThat(doc.dirtyProperty().get()).isFalse();
    assertThat(doc.text()).isEqualTo(text);
    Topology back = doc.topology();
    assertThat(cuts)
        .singleElement()
        .satisfies(
            cut -> {
              assertThat(cut.editable()).isTrue();
              assertThat(cut.topology().root().id()).isEqualTo("root");
              assertThat(cut.topology().nodes().size()).isBetween(2, 13);
              assertThat(MoveGesture.anyLegal(cut)).isPresent();
              MoveGesture.anyLegal(cut).orElseThrow().drop();
              assertThat(cut.dirtyProperty().get()).isTrue();
              // Editing the cut leaves the document alone.
              assertThat(doc.topology()).isSameAs(back);
              assertThat(doc.dirtyProperty().get()).isFalse();
            });
  }
}
