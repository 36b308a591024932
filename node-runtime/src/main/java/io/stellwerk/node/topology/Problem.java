package io.stellwerk.node.topology;

/**
 * One thing wrong with a topology, located so a person can find it.
 *
 * @param file the file name as given by the user
 * @param line 1-based line, or 0 when the problem has no position
 * @param column 1-based column, or 0 when the problem has no position
 * @param message a plain sentence saying what is wrong
 * @param nodeId the node the problem belongs to, or {@code null}
 * @param field the field of that node ({@code host}, {@code port}, {@code plc.kind}, ...), or
 *     {@code null}
 */
public record Problem(
    String file, int line, int column, String message, String nodeId, String field) {

  /** {@code FILE:LINE:COL: message}, the form compilers use so editors can jump to it. */
  public String format() {
    return file + ":" + line + ":" + column + ": " + message;
  }

  @Override
  public String toString() {
    return format();
  }
}
