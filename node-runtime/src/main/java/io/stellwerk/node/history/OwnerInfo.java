package io.stellwerk.node.history;

/**
 * What a store holds of one owner's history.
 *
 * @param last the position of the newest record held ({@link Position#ZERO}: none yet)
 * @param records how many records are held
 * @param bytes their size in the store (keys and bodies)
 * @param prunedUpTo everything at or before this position was pruned here ({@link Position#ZERO}:
 *     nothing pruned)
 */
public record OwnerInfo(Position last, long records, long bytes, Position prunedUpTo) {

  static final OwnerInfo EMPTY = new OwnerInfo(Position.ZERO, 0, 0, Position.ZERO);
}
