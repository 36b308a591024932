package io.stellwerk.workbench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the workbench remembers between runs: window bounds, theme, whether it ran before, and the
 * recent files (newest first, at most {@link #MAX_RECENT}). Kept as a properties file in the user's
 * config directory; tests give a temporary directory. A missing file gives the defaults; an
 * unreadable or corrupt one, or a value that makes no sense, gives the defaults for what it spoiled
 * and one warning line naming the file (and key) and why, in the log and in {@link #problems()}:
 * remembering is a convenience and never stops the workbench from starting.
 */
public final class WorkbenchSettings {

  /** How many recent files are kept. */
  public static final int MAX_RECENT = 8;

  private static final String FILE = "workbench.properties";
  private static final Logger LOG = LoggerFactory.getLogger(WorkbenchSettings.class);
  private static final List<String> NUMBERS =
      List.of("window.x", "window.y", "window.width", "window.height");

  private final Path file;
  private final Properties values = new Properties();
  // Written by a save on the workbench's file thread, read on the FX thread.
  private final List<String> problems = new java.util.concurrent.CopyOnWriteArrayList<>();

  private WorkbenchSettings(Path dir) {
    this.file = dir.resolve(FILE);
  }

  /** The default directory: {@code $XDG_CONFIG_HOME/stellwerk} or {@code ~/.config/stellwerk}. */
  public static Path defaultDirectory() {
    String xdg = System.getenv("XDG_CONFIG_HOME");
    Path base =
        xdg == null || xdg.isBlank()
            ? Path.of(System.getProperty("user.home"), ".config")
            : Path.of(xdg);
    return base.resolve("stellwerk");
  }

  /** Reads the settings kept in {@code dir}. */
  public static WorkbenchSettings load(Path dir) {
    WorkbenchSettings s = new WorkbenchSettings(dir);
    if (Files.exists(s.file)) {
      try (InputStream in = Files.newInputStream(s.file)) {
        s.values.load(in);
        s.dropNonsense();
      } catch (IOException | IllegalArgumentException e) {
        s.values.clear();
        s.problem("settings file " + s.file + " is unreadable (" + reason(e) + "); using defaults");
      }
    }
    return s;
  }

  private void dropNonsense() {
    for (String key : NUMBERS) {
      String v = values.getProperty(key);
      if (v != null && !isFinite(v)) {
        values.remove(key);
        problem("settings file " + file + ": " + key + " '" + v + "' is not a number; ignored");
      }
    }
    String theme = values.getProperty("theme");
    if (theme != null && !theme.equals("light") && !theme.equals("dark")) {
      values.remove("theme");
      problem("settings file " + file + ": theme '" + theme + "' is not light or dark; ignored");
    }
    for (String key : values.stringPropertyNames()) {
      String v = values.getProperty(key);
      if (key.startsWith("recent.") && !isPath(v)) {
        values.remove(key);
        problem("settings file " + file + ": " + key + " is not a file name; ignored");
      } else if (key.startsWith("dividers.") && !v.isBlank() && !dividersValid(v)) {
        values.remove(key);
        problem("settings file " + file + ": " + key + " '" + v + "' is not a list of fractions");
      }
    }
  }

  private static boolean dividersValid(String v) {
    for (String part : v.split(",")) {
      if (!isFinite(part)) {
        return false;
      }
      double d = Double.parseDouble(part);
      if (d < 0 || d > 1) {
        return false;
      }
    }
    return true;
  }

  private static boolean isPath(String v) {
    try {
      Path.of(v);
      return !v.isBlank();
    } catch (java.nio.file.InvalidPathException e) {
      return false;
    }
  }

  private static boolean isFinite(String v) {
    try {
      return Double.isFinite(Double.parseDouble(v.strip()));
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static String reason(Exception e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  private void problem(String line) {
    problems.add(line);
    LOG.warn(line);
  }

  /** What was wrong with the settings file when it was read or written, one sentence each. */
  public List<String> problems() {
    return List.copyOf(problems);
  }

  /**
   * Writes the settings through a temporary file, so a crash never leaves half a file; false, and a
   * warning line, if the directory can't be written.
   */
  public boolean save() {
    try {
      Files.createDirectories(file.getParent());
      Path tmp = Files.createTempFile(file.getParent(), ".workbench-", ".tmp");
      try {
        try (OutputStream out = Files.newOutputStream(tmp)) {
          values.store(out, "Stellwerk workbench");
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
      return true;
    } catch (IOException e) {
      problem("settings file " + file + " could not be written (" + reason(e) + ")");
      return false;
    }
  }

  /** Whether the workbench has never run with this directory. */
  public boolean firstStart() {
    return !values.containsKey("started");
  }

  /** Records that the workbench has run. */
  public void started() {
    values.setProperty("started", "true");
  }

  /** Window position and size, when known. */
  public record Bounds(double x, double y, double width, double height, boolean maximized) {}

  /** The remembered window bounds, or {@code null}. */
  public Bounds bounds() {
    try {
      return new Bounds(
          Double.parseDouble(values.getProperty("window.x")),
          Double.parseDouble(values.getProperty("window.y")),
          Double.parseDouble(values.getProperty("window.width")),
          Double.parseDouble(values.getProperty("window.height")),
          Boolean.parseBoolean(values.getProperty("window.maximized")));
    } catch (NullPointerException | NumberFormatException e) {
      return null;
    }
  }

  /** Remembers the window bounds. */
  public void bounds(Bounds b) {
    values.setProperty("window.x", Double.toString(b.x()));
    values.setProperty("window.y", Double.toString(b.y()));
    values.setProperty("window.width", Double.toString(b.width()));
    values.setProperty("window.height", Double.toString(b.height()));
    values.setProperty("window.maximized", Boolean.toString(b.maximized()));
  }

  /** The divider positions of a split pane, by name, or {@code null}. */
  public double[] dividers(String name) {
    String v = values.getProperty("dividers." + name);
    if (v == null || v.isBlank()) {
      return null;
    }
    try {
      String[] parts = v.split(",");
      double[] out = new double[parts.length];
      for (int i = 0; i < parts.length; i++) {
        out[i] = Double.parseDouble(parts[i]);
      }
      return out;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** Remembers the divider positions of a split pane. */
  public void dividers(String name, double[] positions) {
    StringBuilder b = new StringBuilder();
    for (double p : positions) {
      b.append(b.length() == 0 ? "" : ",").append(p);
    }
    values.setProperty("dividers." + name, b.toString());
  }

  /** {@code light} or {@code dark}. */
  public String theme() {
    return values.getProperty("theme", "light");
  }

  /** Remembers the theme. */
  public void theme(String theme) {
    values.setProperty("theme", theme);
  }

  /** Recent files, newest first. */
  public List<Path> recent() {
    List<Path> out = new ArrayList<>();
    for (int i = 0; i < MAX_RECENT; i++) {
      String v = values.getProperty("recent." + i);
      if (v != null) {
        out.add(Path.of(v));
      }
    }
    return out;
  }

  /** Puts a file first in the recent list, dropping its older entry and the oldest beyond max. */
  public void addRecent(Path p) {
    List<Path> list = new ArrayList<>(recent());
    Path abs = p.toAbsolutePath().normalize();
    list.remove(abs);
    list.add(0, abs);
    for (int i = 0; i < MAX_RECENT; i++) {
      if (i < list.size()) {
        values.setProperty("recent." + i, list.get(i).toString());
      } else {
        values.remove("recent." + i);
      }
    }
  }
}
