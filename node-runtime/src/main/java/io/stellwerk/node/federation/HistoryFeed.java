package io.stellwerk.node.federation;

import io.stellwerk.node.dim.Keys;
import io.stellwerk.node.dim.Quality;
import io.stellwerk.node.dim.Value;
import io.stellwerk.node.history.HistoryMessages;
import io.stellwerk.node.history.HistoryRecord;
import io.stellwerk.node.history.HistoryStore;
import io.stellwerk.node.history.OwnerInfo;
import io.stellwerk.node.history.Position;
import io.stellwerk.node.history.RecordCodec.Linked;
import io.stellwerk.node.wire.MessageType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.ZMQ;

/**
 * The serving side of the history sync with one station that replicates this one: a parent (it gets
 * the records of this node's subtree) or the other peer of a pair (it gets this station's own
 * records). It serves the parent's delta request in chunks of at most {@link #CHUNK_RECORDS}, one
 * chunk per unit of credit, read on the history reader thread so the event loop never waits for the
 * disk. A position the parent asks from that was pruned here is answered with an explicit gap
 * record first.
 */
final class HistoryFeed {

  private static final Logger log = LoggerFactory.getLogger(HistoryFeed.class);

  /** Records per delta chunk. */
  static final int CHUNK_RECORDS = 5_000;

  private final HistoryHub hub;
  private final Supplier<ZMQ.Socket> dealer;
  private final Predicate<String> serves;
  private final String name;
  private Session session;

  /** One delta being served: which owners, where each stands, how much credit is left. */
  private static final class Session {
    final long id;
    final List<String> owners;
    final Map<String, Position> at;
    int owner;
    long chunk;
    int credit;
    boolean reading;
    boolean done;

    Session(long id, List<String> owners, Map<String, Position> at, int credit) {
      this.id = id;
      this.owners = owners;
      this.at = at;
      this.credit = credit;
    }
  }

  /** What one read produced: the chunk and where the session stands after it. */
  private record Read(List<Linked> records, int owner, Map<String, Position> at, boolean last) {}

  /** Serves a parent the records of this node's subtree. */
  HistoryFeed(HistoryHub hub, ParentLink link) {
    this(
        hub, () -> link.dealer, o -> Keys.ownerWithin(o, hub.ctx.nodeId()), link.parent.toString());
  }

  /**
   * @param dealer the socket to the replicating station (looked up at each send: it is recreated)
   * @param serves the owners whose records it gets
   */
  HistoryFeed(HistoryHub hub, Supplier<ZMQ.Socket> dealer, Predicate<String> serves, String name) {
    this.hub = hub;
    this.dealer = dealer;
    this.serves = serves;
    this.name = name;
  }

  void onRequest(HistoryMessages.Request r) {
    TreeSet<String> owners = new TreeSet<>();
    r.after().keySet().stream().filter(serves).forEach(owners::add);
    hub.heads().keySet().stream().filter(serves).forEach(owners::add);
    Map<String, Position> at = new java.util.HashMap<>();
    for (String o : owners) {
      at.put(o, r.after().getOrDefault(o, Position.ZERO));
    }
    session = new Session(r.session(), new ArrayList<>(owners), at, r.credit());
    pump();
  }

  void onCredit(HistoryMessages.Credit c) {
    if (session != null && session.id == c.session()) {
      session.credit += c.credit();
      pump();
    }
  }

  private void pump() {
    Session s = session;
    if (s == null || s.reading || s.done || s.credit <= 0 || hub.service() == null) {
      return;
    }
    s.reading = true;
    int ownerIdx = s.owner;
    Map<String, Position> at = new java.util.HashMap<>(s.at);
    List<String> owners = s.owners;
    hub.service()
        .read(store -> read(store, owners, ownerIdx, at))
        .whenComplete(
            (read, err) ->
                hub.loop.post(
                    () -> {
                      s.reading = false;
                      if (session != s) {
                        return;
                      }
                      if (err != null) {
                        log.warn("cannot serve history to {}: {}", name, err.getMessage());
                        return; // the parent's stall timer asks again
                      }
                      send(s, read);
                    }));
  }

  private void send(Session s, Read read) {
    s.owner = read.owner();
    s.at.putAll(read.at());
    s.done = read.last();
    Frames.send(
        dealer.get(),
        null,
        Frames.header(hub.ctx, MessageType.HISTORY_CHUNK),
        HistoryMessages.chunk(
            new HistoryMessages.Chunk(s.id, s.chunk++, read.last(), read.records())));
    s.credit--;
    hub.ctx.counters.historyChunksOut++;
    pump();
  }

  /** Reads the next chunk (on the reader thread). */
  private static Read read(
      HistoryStore store, List<String> owners, int ownerIdx, Map<String, Position> at)
      throws io.stellwerk.node.history.HistoryException {
    List<Linked> out = new ArrayList<>();
    int i = ownerIdx;
    while (i < owners.size() && out.size() < CHUNK_RECORDS) {
      String owner = owners.get(i);
      Position pos = at.get(owner);
      OwnerInfo info = store.owner(owner);
      if (info.prunedUpTo().isAfter(pos)) {
        // Pruned here before the parent got it: say so, never leave it to interpolation.
        long missing = Math.max(0, info.prunedUpTo().seq() - pos.seq());
        HistoryRecord gap =
            new HistoryRecord(
                owner,
                info.prunedUpTo().ts(),
                info.prunedUpTo().seq(),
                HistoryRecord.Kind.GAP,
                "",
                Value.of(missing),
                Quality.BAD,
                "after " + pos + ": pruned at the source before it was replicated");
        out.add(new Linked(gap, pos));
        pos = info.prunedUpTo();
      }
      List<HistoryRecord> rs = store.after(owner, pos, CHUNK_RECORDS - out.size());
      for (HistoryRecord r : rs) {
        out.add(new Linked(r, pos));
        pos = r.position();
      }
      at.put(owner, pos);
      if (out.size() < CHUNK_RECORDS) {
        i++;
      }
    }
    return new Read(out, i, at, i >= owners.size());
  }
}
