package io.stellwerk.workbench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * What the workbench remembers between runs: window bounds, theme, whether it ran before, and the
 * recent files (newest first, at most {@link #MAX_RECENT}). Kept as a properties file in the user's
 * config directory; tests give a temporary directory. A missing or unreadable file gives the
 * defaults: remembering is a convenience and never stops the workbench from starting.
 */
public final class WorkbenchSettings {

  /** How many recent files are kept. */
  public static final int MAX_RECENT = 8;

  private static final String FILE = "workbench.properties";

  private final Path file;
  private final Properties values = new Properties();

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
    if (Files.isRegularFile(s.file)) {
      try (InputStream in = Files.newInputStream(s.file)) {
        s.values.load(in);
      } catch (IOException | IllegalArgumentException e) {
        s.values.clear();
      }
    }
    return s;
  }

  /** Writes the settings; false (and nothing else) if the directory can't be written. */
  public boolean save() {
    try {
      Files.createDirectories(file.getParent());
      try (OutputStream out = Files.newOutputStream(file)) {
        values.store(out, "Stellwerk workbench");
      }
      return true;
    } catch (IOException e) {
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
