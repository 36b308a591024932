package io.stellwerk.node.history;

import io.stellwerk.node.history.RecordCodec.Linked;
import io.stellwerk.node.wire.MalformedFrameException;
import io.stellwerk.node.wire.WireReader;
import io.stellwerk.node.wire.WireWriter;
import java.util.List;
import java.util.Map;

/** The bodies of the history sync messages (see {@code docs/HISTORY.md}). */
public final class HistoryMessages {

  private HistoryMessages() {}

  /** Parent to child: the positions it holds per owner, and the chunks it can take now. */
  public record Request(long session, int credit, Map<String, Position> after) {}

  /** Parent to child: more chunks may come. */
  public record Credit(long session, int credit) {}

  /** Child to parent: chunk {@code index} of a delta; {@code last} ends it. */
  public record Chunk(long session, long index, boolean last, List<Linked> records) {}

  /** Child's newest durable positions per owner and its average stored bytes per record. */
  public record Head(long bytesPerRecord, Map<String, Position> heads) {}

  public static byte[] request(Request r) {
    WireWriter w = new WireWriter(32 + r.after().size() * 32);
    w.varlong(r.session()).varlong(r.credit());
    RecordCodec.writePositions(w, r.after());
    return w.toByteArray();
  }

  public static Request request(byte[] body) throws MalformedFrameException {
    WireReader r = new WireReader(body);
    long session = r.varlong();
    long credit = r.varlong();
    if (credit > 1_000_000) {
      throw new MalformedFrameException("credit " + credit + " is out of range");
    }
    Request q = new Request(session, (int) credit, RecordCodec.readPositions(r));
    r.end();
    return q;
  }

  public static byte[] credit(Credit c) {
    return new WireWriter(16).varlong(c.session()).varlong(c.credit()).toByteArray();
  }

  public static Credit credit(byte[] body) throws MalformedFrameException {
    WireReader r = new WireReader(body);
    long session = r.varlong();
    long credit = r.varlong();
    r.end();
    if (credit > 1_000_000) {
      throw new MalformedFrameException("credit " + credit + " is out of range");
    }
    return new Credit(session, (int) credit);
  }

  public static byte[] chunk(Chunk c) {
    WireWriter w = new WireWriter(64 + c.records().size() * 48);
    w.varlong(c.session()).varlong(c.index()).u8(c.last() ? 1 : 0);
    RecordCodec.writeLinked(w, c.records());
    return w.toByteArray();
  }

  public static Chunk chunk(byte[] body) throws MalformedFrameException {
    return chunk(new WireReader(body));
  }

  /** The chunk from where {@code r} stands to the end of its frame. */
  public static Chunk chunk(WireReader r) throws MalformedFrameException {
    Chunk c = new Chunk(r.varlong(), r.varlong(), r.bool(), RecordCodec.readLinked(r));
    r.end();
    return c;
  }

  public static byte[] live(List<Linked> records) {
    WireWriter w = new WireWriter(16 + records.size() * 48);
    RecordCodec.writeLinked(w, records);
    return w.toByteArray();
  }

  public static List<Linked> live(byte[] body) throws MalformedFrameException {
    return live(new WireReader(body));
  }

  /** The live records from where {@code r} stands to the end of its frame. */
  public static List<Linked> live(WireReader r) throws MalformedFrameException {
    List<Linked> out = RecordCodec.readLinked(r);
    r.end();
    return out;
  }

  public static byte[] head(Head h) {
    WireWriter w = new WireWriter(16 + h.heads().size() * 32);
    w.varlong(h.bytesPerRecord());
    RecordCodec.writePositions(w, h.heads());
    return w.toByteArray();
  }

  public static Head head(byte[] body) throws MalformedFrameException {
    WireReader r = new WireReader(body);
    Head h = new Head(r.varlong(), RecordCodec.readPositions(r));
    r.end();
    return h;
  }
}
