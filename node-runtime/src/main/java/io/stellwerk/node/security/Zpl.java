package io.stellwerk.node.security;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The subset of ZPL (ZeroMQ RFC 4) that CZMQ certificates use: comments, sections of one level
 * ({@code metadata}, {@code curve}) and quoted {@code key = "value"} lines indented by four spaces.
 * Reading is lenient about quoting (double, single or none) so files written by CZMQ or jeromq's
 * {@code ZCert} load; writing is strict and keeps the order it was given, so files diff well.
 */
final class Zpl {

  private static final Pattern SECTION = Pattern.compile("([0-9A-Za-z$\\-_@.&+/]+)\\s*(#.*)?");
  private static final Pattern VALUE =
      Pattern.compile(
          "    ([0-9A-Za-z$\\-_@.&+/]+) = (?:\"([^\"]*)\"|'([^']*)'|([^#]*?))\\s*(#.*)?");

  private Zpl() {}

  /** Sections in file order, each a map of keys to values in file order. */
  static Map<String, Map<String, String>> parse(String text, String fileName) {
    Map<String, Map<String, String>> sections = new LinkedHashMap<>();
    Map<String, String> current = null;
    int lineNo = 0;
    for (String line : text.split("\r?\n", -1)) {
      lineNo++;
      if (line.isBlank() || line.stripLeading().startsWith("#")) {
        continue;
      }
      Matcher s = SECTION.matcher(line);
      if (s.matches()) {
        current = sections.computeIfAbsent(s.group(1), k -> new LinkedHashMap<>());
        continue;
      }
      Matcher v = VALUE.matcher(line);
      if (v.matches() && current != null) {
        String value =
            v.group(2) != null ? v.group(2) : v.group(3) != null ? v.group(3) : v.group(4);
        current.put(v.group(1), value);
        continue;
      }
      throw new KeyFileException(
          fileName + ":" + lineNo + ": not a ZPL certificate line: '" + abbreviate(line) + "'");
    }
    return sections;
  }

  /** Renders comments and sections; values must not hold a double quote or a line break. */
  static String render(List<String> comments, Map<String, Map<String, String>> sections) {
    StringBuilder out = new StringBuilder();
    for (String c : comments) {
      out.append("#   ").append(c).append('\n');
    }
    for (Map.Entry<String, Map<String, String>> section : sections.entrySet()) {
      out.append(section.getKey()).append('\n');
      for (Map.Entry<String, String> e : section.getValue().entrySet()) {
        out.append("    ")
            .append(e.getKey())
            .append(" = \"")
            .append(checked(e.getKey(), e.getValue()))
            .append("\"\n");
      }
    }
    return out.toString();
  }

  /** A new, ordered section map, for building files. */
  static Map<String, Map<String, String>> sections() {
    return new LinkedHashMap<>();
  }

  private static String checked(String key, String value) {
    if (value.indexOf('"') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
      throw new IllegalArgumentException(
          "value of '" + key + "' holds a quote or line break, which ZPL cannot store");
    }
    return value;
  }

  private static String abbreviate(String line) {
    String t = line.strip();
    return t.length() > 60 ? t.substring(0, 57) + "..." : t;
  }

  /** Lines of a multi-line comment, for callers that build comment blocks. */
  static List<String> comments(String... lines) {
    return new ArrayList<>(List.of(lines));
  }
}
