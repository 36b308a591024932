package io.stellwerk.node.cli;

import com.fasterxml.jackson.databind.JsonNode;

/** One-line renderings of management answers. */
final class Formats {

  private Formats() {}

  static String entry(JsonNode e) {
    return String.format(
        "%-44s %-8s %-14s %-6s v%s%s",
        e.path("key").asText(),
        e.path("type").asText(),
        e.path("value").asText(),
        e.path("quality").asText(),
        e.path("version").asText(),
        e.path("forced").asBoolean() ? "  FORCED" : "");
  }
}
