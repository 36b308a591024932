/**
 * The inter-node wire format: a header frame (magic, protocol version, message type, sender
 * station, incarnation, stream sequence), a body frame and a signature slot frame. Decoding is
 * strict: any frame that does not parse exactly raises {@link MalformedFrameException}, which
 * receivers count and drop.
 */
package io.stellwerk.node.wire;
