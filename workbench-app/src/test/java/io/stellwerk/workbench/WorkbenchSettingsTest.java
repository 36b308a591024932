package io.stellwerk.workbench;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The workbench's remembered settings, on real files, without a window. */
class WorkbenchSettingsTest {

  @TempDir Path dir;
  private final ListAppender<ILoggingEvent> log = new ListAppender<>();
  private final Logger logger = (Logger) LoggerFactory.getLogger(WorkbenchSettings.class);

  @BeforeEach
  void captureLog() {
    log.start();
    logger.addAppender(log);
  }

  @AfterEach
  void releaseLog() {
    logger.detachAppender(log);
  }

  @Test
  void aMissingFileGivesTheDefaultsSilently() {
    WorkbenchSettings s = WorkbenchSettings.load(dir);

    assertThat(s.firstStart()).isTrue();
    assertThat(s.bounds()).isNull();
    assertThat(s.theme()).isEqualTo("light");
    assertThat(s.recent()).isEmpty();
    assertThat(s.dividers("outer")).isNull();
    assertThat(s.problems()).isEmpty();
    assertThat(log.list).isEmpty();
  }

  @Test
  void windowLayoutThemeAndStartAreSavedAndRestored() {
    WorkbenchSettings s = WorkbenchSettings.load(dir);
    s.started();
    s.bounds(new WorkbenchSettings.Bounds(40, 30.5, 1400, 900, true));
    s.dividers("outer", new double[] {0.2});
    s.dividers("middle", new double[] {0.7, 0.85});
    s.theme("dark");

    assertThat(s.save()).isTrue();
    WorkbenchSettings back = WorkbenchSettings.load(dir);

    assertThat(back.firstStart()).isFalse();
    assertThat(back.bounds()).isEqualTo(new WorkbenchSettings.Bounds(40, 30.5, 1400, 900, true));
    assertThat(back.dividers("outer")).containsExactly(0.2);
    assertThat(back.dividers("middle")).containsExactly(0.7, 0.85);
    assertThat(back.dividers("centre")).isNull();
    assertThat(back.theme()).isEqualTo("dark");
    assertThat(back.problems()).isEmpty();
    assertThat(dir).isDirectoryNotContaining("glob:**.tmp");
  }

  @Test
  void recentFilesAreNewestFirstWithoutDuplicatesAtMostEightAndSurviveARestart() {
    WorkbenchSettings s = WorkbenchSettings.load(dir);
    for (int i = 1; i <= 10; i++) {
      s.addRecent(dir.resolve("t" + i + ".yaml"));
    }
    s.addRecent(dir.resolve("sub/../t5.yaml"));
    s.save();

    List<Path> recent = WorkbenchSettings.load(dir).recent();

    assertThat(recent)
        .hasSize(WorkbenchSettings.MAX_RECENT)
        .containsExactly(
            dir.resolve("t5.yaml"),
            dir.resolve("t10.yaml"),
            dir.resolve("t9.yaml"),
            dir.resolve("t8.yaml"),
            dir.resolve("t7.yaml"),
            dir.resolve("t6.yaml"),
            dir.resolve("t4.yaml"),
            dir.resolve("t3.yaml"));
  }

  @Test
  void aCorruptFileGivesTheDefaultsAndOneClearLogLine() throws Exception {
    Files.writeString(
        dir.resolve("workbench.properties"),
        "started=true\ntheme=dark\nrecent.0=/tmp/a.yaml\nwindow.x=\\u00zz\n",
        StandardCharsets.ISO_8859_1);

    WorkbenchSettings s = WorkbenchSettings.load(dir);

    assertThat(s.firstStart()).isTrue();
    assertThat(s.theme()).isEqualTo("light");
    assertThat(s.recent()).isEmpty();
    assertThat(s.bounds()).isNull();
    String line =
        "settings file "
            + dir.resolve("workbench.properties")
            + " is unreadable (Malformed \\uxxxx encoding.); using defaults";
    assertThat(s.problems()).containsExactly(line);
    assertThat(log.list)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.getLevel()).isEqualTo(Level.WARN);
              assertThat(e.getFormattedMessage()).isEqualTo(line);
              assertThat(e.getThrowableProxy()).isNull();
            });
  }

  @Test
  void aValueThatMakesNoSenseIsDroppedWithALineNamingItsKeyAndTheRestIsKept() throws Exception {
    Files.writeString(
        dir.resolve("workbench.properties"),
        String.join(
            "\n",
            "started=true",
            "window.x=10",
            "window.y=20",
            "window.width=wide",
            "window.height=700",
            "dividers.outer=0.2,7",
            "theme=purple",
            "recent.0=/tmp/kept.yaml",
            ""));

    WorkbenchSettings s = WorkbenchSettings.load(dir);

    assertThat(s.firstStart()).isFalse();
    assertThat(s.recent()).containsExactly(Path.of("/tmp/kept.yaml"));
    assertThat(s.bounds()).isNull();
    assertThat(s.dividers("outer")).isNull();
    assertThat(s.theme()).isEqualTo("light");
    Path file = dir.resolve("workbench.properties");
    assertThat(s.problems())
        .containsExactlyInAnyOrder(
            "settings file " + file + ": window.width 'wide' is not a number; ignored",
            "settings file " + file + ": theme 'purple' is not light or dark; ignored",
            "settings file " + file + ": dividers.outer '0.2,7' is not a list of fractions");
    assertThat(log.list).hasSize(3).allMatch(e -> e.getLevel() == Level.WARN);
  }

  @Test
  void aFileThatCannotBeReadGivesTheDefaultsAndALogLine() throws Exception {
    Files.createDirectories(dir.resolve("workbench.properties"));

    WorkbenchSettings s = WorkbenchSettings.load(dir);

    assertThat(s.firstStart()).isTrue();
    assertThat(s.problems())
        .singleElement()
        .asString()
        .startsWith("settings file " + dir.resolve("workbench.properties") + " is unreadable (")
        .endsWith("); using defaults");
    assertThat(log.list).hasSize(1);
  }

  @Test
  void aDirectoryThatCannotBeWrittenMakesSaveReturnFalseWithALogLine() throws Exception {
    Path notADirectory = dir.resolve("plain-file");
    Files.writeString(notADirectory, "x");
    WorkbenchSettings s = WorkbenchSettings.load(notADirectory);
    s.theme("dark");

    assertThat(s.save()).isFalse();

    assertThat(s.problems())
        .singleElement()
        .asString()
        .startsWith(
            "settings file " + notADirectory.resolve("workbench.properties") + " could not be");
    assertThat(log.list).hasSize(1);
  }
}
