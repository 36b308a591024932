package io.stellwerk.node.wire;

import java.util.UUID;

/**
 * The one outcome a command's sender sees.
 *
 * @param id the command's id
 * @param outcome done, rejected or timed out
 * @param reason why it was rejected or timed out; empty when done
 */
public record CommandReply(UUID id, Outcome outcome, String reason) {

  /** Command outcomes. */
  public enum Outcome {
    DONE,
    REJECTED,
    TIMED_OUT
  }
}
