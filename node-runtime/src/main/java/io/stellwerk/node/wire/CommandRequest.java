package io.stellwerk.node.wire;

import io.stellwerk.node.dim.Value;
import java.util.UUID;

/**
 * A command routed along the tree to the node that owns its key.
 *
 * @param id unique per command; retries reuse it, so the target executes it once
 * @param origin the station where the command entered the federation
 * @param target the node that must execute it
 * @param deadline epoch milliseconds after which nobody executes or waits for it
 * @param op what to do
 * @param key the DIM key
 * @param value the value for FORCE and WRITE, {@code null} for RELEASE
 */
public record CommandRequest(
    UUID id, String origin, String target, long deadline, Op op, String key, Value value) {

  /** Command operations. */
  public enum Op {
    /** Override a value; PLC readings of that key are ignored until released. */
    FORCE,
    /** End a forced override. */
    RELEASE,
    /** Write a value to the PLC point behind the key. */
    WRITE,
    /**
     * Acknowledge a journal event: the key is {@code <owner>/journal/<seq>} for event {@code
     * owner#seq}, the value (a string) names who acknowledges.
     */
    ACK
  }
}
