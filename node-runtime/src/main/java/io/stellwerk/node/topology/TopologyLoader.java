package io.stellwerk.node.topology;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and validates a topology file. Never throws for bad input: every problem comes back in the
 * {@link LoadResult} with file, line, column and a sentence a person understands.
 */
public final class TopologyLoader {

  /** The largest topology file accepted (a 5,000-node federation is about 1 MiB). */
  public static final int MAX_FILE_BYTES = 4 * 1024 * 1024;

  /** The deepest tree accepted, the root being level 1. */
  public static final int MAX_DEPTH = 12;

  private TopologyLoader() {}

  /** Loads a file from disk. */
  public static LoadResult load(Path path) {
    String name = path.toString();
    byte[] bytes;
    try {
      if (Files.isDirectory(path)) {
        return failure(name, "is a directory, not a topology file");
      }
      long size = Files.size(path);
      if (size > MAX_FILE_BYTES) {
        return failure(
            name,
            "the file is "
                + size
                + " bytes, larger than the limit of "
                + MAX_FILE_BYTES
                + " bytes for a topology");
      }
      bytes = Files.readAllBytes(path);
    } catch (NoSuchFileException e) {
      return failure(name, "no such file");
    } catch (IOException e) {
      return failure(name, "cannot be read: " + e.getMessage());
    }
    return parse(name, bytes);
  }

  /** Parses raw bytes that should be UTF-8 YAML. */
  public static LoadResult parse(String name, byte[] bytes) {
    if (bytes.length > MAX_FILE_BYTES) {
      return failure(
          name, "the file is larger than the limit of " + MAX_FILE_BYTES + " bytes for a topology");
    }
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      return failure(
          name, "this is not a text file (it is not valid UTF-8): a topology is a YAML text file");
    }
    if (text.indexOf('\0') >= 0) {
      return failure(
          name, "this is not a text file (it contains NUL bytes): a topology is a YAML text file");
    }
    return parse(name, text);
  }

  /** Parses YAML text; {@code name} is used in problem locations. */
  public static LoadResult parse(String name, String text) {
    TopologyParser parser = new TopologyParser(name);
    Topology model = parser.parse(text);
    List<Problem> problems = new ArrayList<>(parser.problems());
    if (model != null) {
      problems.addAll(TopologyValidator.validate(name, model, parser.locator()));
    }
    problems.sort(
        java.util.Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column));
    return new LoadResult(problems.isEmpty() ? model : null, problems, parser.locator());
  }

  private static LoadResult failure(String name, String message) {
    return new LoadResult(
        null, List.of(new Problem(name, 1, 1, message, null, null)), TopologyLocator.none());
  }
}
