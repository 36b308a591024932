package io.stellwerk.node.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Option;

/** The time range, size limit and output form shared by {@code history} and {@code journal}. */
final class RangeOptions {

  @Option(names = "--from", paramLabel = "T", description = "From (ISO-8601 or epoch ms).")
  String from;

  @Option(names = "--to", paramLabel = "T", description = "To (ISO-8601 or epoch ms).")
  String to;

  @Option(
      names = "--limit",
      paramLabel = "N",
      defaultValue = "10000",
      description = "At most N records (default: ${DEFAULT-VALUE}).")
  int limit;

  @Option(names = "--json", description = "Print the answer as JSON.")
  boolean json;

  /** Puts from, to and limit into a request. */
  ObjectNode into(ObjectNode req) {
    return req.put("from", TimeArgs.parse("--from", from, 0))
        .put("to", TimeArgs.parse("--to", to, Long.MAX_VALUE))
        .put("limit", limit);
  }
}
