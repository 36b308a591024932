/**
 * The distributed process image (DIM): typed values with quality, source timestamp and an
 * owner-assigned version. Owns the apply-if-newer rule that makes replication idempotent, the
 * version vectors that drive delta sync, and the owner's version assignment. Not thread-safe: a
 * node's event loop owns its DIM.
 */
package io.stellwerk.node.dim;
