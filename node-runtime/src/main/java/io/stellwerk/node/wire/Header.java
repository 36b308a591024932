package io.stellwerk.node.wire;

/**
 * The first frame of every message.
 *
 * @param type the message type
 * @param sender the sending station ({@code root.s1}, {@code root[backup]})
 * @param incarnation random per process start: a new one means the sender restarted
 * @param streamSeq on PUB streams, the sequence of this message (heartbeats: of the last one)
 */
public record Header(MessageType type, String sender, long incarnation, long streamSeq) {}
