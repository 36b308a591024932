package io.stellwerk.node.federation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stellwerk.node.dim.Keys;
import io.stellwerk.node.history.HistoryException;
import io.stellwerk.node.history.HistoryRecord;
import io.stellwerk.node.history.HistoryService;
import io.stellwerk.node.history.HistoryStore;
import io.stellwerk.node.history.OwnerInfo;
import io.stellwerk.node.topology.StationId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The management requests that read history ({@code history}, {@code journal}) and the history part
 * of {@code status}. Reads run on the history reader thread; the answer is sent when done.
 */
final class HistoryQueries {

  /** The most records one answer carries. */
  static final int MAX_RECORDS = 100_000;

  private final StationContext ctx;
  private final FederationLoop loop;

  HistoryQueries(StationContext ctx, FederationLoop loop) {
    this.ctx = ctx;
    this.loop = loop;
  }

  /** The time series of one key (with the gaps of its recording stations), oldest first. */
  void history(JsonNode req, Consumer<String> reply) {
    String key = req.path("key").asText("");
    if (!Keys.isValid(key)) {
      reply.accept(
          ManagementService.error("'" + key + "' is not a key of the form <node-id>/<path>"));
      return;
    }
    Set<String> owners = stationsOf(Keys.owner(key));
    query(
        req,
        reply,
        owners,
        (store, owner, from, to, limit) -> {
          List<HistoryRecord> out = store.samples(owner, key, from, to, limit);
          for (HistoryRecord r : store.journal(owner, from, to, limit)) {
            if (r.kind() == HistoryRecord.Kind.GAP) {
              out.add(r);
            }
          }
          return out;
        });
  }

  /** The journal (raise, ack, clear and gaps) of one node or station, or of all. */
  void journal(JsonNode req, Consumer<String> reply) {
    String owner = req.path("owner").asText("");
    HistoryService s = service(reply);
    if (s == null) {
      return;
    }
    Set<String> owners = owner.isEmpty() ? new TreeSet<>(s.heads().keySet()) : stationsOf(owner);
    query(req, reply, owners, HistoryStore::journal);
  }

  /** One owner's part of an answer, read through the store's key index. */
  private interface OwnerRead {
    List<HistoryRecord> read(HistoryStore store, String owner, long from, long to, int limit)
        throws HistoryException;
  }

  private void query(JsonNode req, Consumer<String> reply, Set<String> owners, OwnerRead read) {
    HistoryService s = service(reply);
    if (s == null) {
      return;
    }
    long from = req.path("from").asLong(0);
    long to = req.path("to").asLong(Long.MAX_VALUE);
    int limit = Math.max(1, Math.min(req.path("limit").asInt(10_000), MAX_RECORDS));
    s.read(
            store -> {
              List<HistoryRecord> out = new ArrayList<>();
              for (String owner : owners) {
                out.addAll(read.read(store, owner, from, to, limit));
              }
              out.sort(
                  Comparator.comparingLong(HistoryRecord::ts)
                      .thenComparing(HistoryRecord::owner)
                      .thenComparingLong(HistoryRecord::seq));
              return out.size() > limit ? out.subList(0, limit) : out;
            })
        .whenComplete(
            (list, err) -> {
              if (err != null) {
                reply.accept(ManagementService.error(message(err)));
                return;
              }
              ObjectNode n = ManagementService.JSON.createObjectNode();
              n.put("station", ctx.station.toString());
              ArrayNode a = n.putArray("records");
              list.forEach(r -> a.add(json(r)));
              n.put("truncated", list.size() >= limit);
              reply.accept(n.toString());
            });
  }

  /** A node id stands for its stations (both peers of a pair); a station id for itself. */
  private Set<String> stationsOf(String owner) {
    Set<String> out = new TreeSet<>();
    if (owner.indexOf('[') >= 0) {
      out.add(owner);
      return out;
    }
    ctx.topology
        .node(owner)
        .ifPresent(n -> n.stations().stream().map(StationId::toString).forEach(out::add));
    out.add(owner);
    return out;
  }

  private HistoryService service(Consumer<String> reply) {
    if (ctx.history == null) {
      reply.accept(
          ManagementService.error(ctx.station + " keeps no history (it runs without --data)"));
      return null;
    }
    return ctx.history.service();
  }

  private static String message(Throwable err) {
    Throwable t =
        err instanceof java.util.concurrent.CompletionException && err.getCause() != null
            ? err.getCause()
            : err;
    return t.getMessage() == null ? t.toString() : t.getMessage();
  }

  static ObjectNode json(HistoryRecord r) {
    ObjectNode n = ManagementService.JSON.createObjectNode();
    n.put("owner", r.owner());
    n.put("ts", r.ts());
    n.put("seq", r.seq());
    n.put("kind", r.kind().name().toLowerCase(Locale.ROOT));
    switch (r.kind()) {
      case SAMPLE -> {
        n.put("key", r.key());
        n.put("value", r.value() == null ? null : r.value().text());
        n.put("type", r.value() == null ? "deleted" : r.value().type().label());
        n.put("quality", r.quality().name().toLowerCase(Locale.ROOT));
      }
      case RAISE -> {
        n.put("event", r.eventId());
        n.put("about", r.key());
        n.put("text", r.text());
      }
      case ACK -> {
        n.put("event", r.key());
        n.put("by", r.text());
      }
      case CLEAR -> {
        n.put("event", r.key());
        n.put("text", r.text());
      }
      case GAP -> {
        n.put("missing", r.value() == null ? 0 : r.value().asLong());
        n.put("text", r.text());
      }
    }
    return n;
  }

  /** The history part of status: the store, and per child link the sync state and lag. */
  void status(ObjectNode s) {
    if (ctx.history == null) {
      return;
    }
    HistoryService h = ctx.history.service();
    ObjectNode n = s.putObject("history");
    HistoryStore store = h.store();
    n.put("problem", h.problem() == null ? "" : h.problem());
    n.put("queued", h.queued());
    n.put("refused", h.refused());
    n.put("written", h.written());
    n.put("pruned", h.prunedRecords());
    if (store != null) {
      long records = 0;
      long bytes = 0;
      ObjectNode owners = n.putObject("owners");
      for (var e : store.owners().entrySet()) {
        OwnerInfo o = e.getValue();
        records += o.records();
        bytes += o.bytes();
        ObjectNode on = owners.putObject(e.getKey());
        on.put("records", o.records());
        on.put("bytes", o.bytes());
        on.put("last", o.last().toString());
        on.put("prunedUpTo", o.prunedUpTo().toString());
      }
      n.put("records", records);
      n.put("bytes", bytes);
    }
    ArrayNode links = n.putArray("children");
    long now = System.currentTimeMillis();
    for (ChildChannel c : loop.children) {
      if (c.history == null) {
        continue;
      }
      ObjectNode ln = links.addObject();
      ln.put("child", c.child.toString());
      link(ln, c.history, now);
    }
    HistoryPeer peer = ctx.history.peer();
    if (peer != null) {
      ObjectNode pn = n.putObject("peer");
      pn.put("peer", ctx.station.otherPeer().toString());
      link(pn, peer.link(), now);
    }
  }

  /** The sync state and lag of a link that takes records into this store. */
  private static void link(ObjectNode ln, HistoryLink l, long now) {
    ln.put("state", l.state.label());
    ln.put("recordsBehind", l.recordsBehind());
    ln.put("bytesBehind", l.bytesBehind());
    ln.put("lastSyncAgoMs", l.lastSyncMillis < 0 ? -1 : now - l.lastSyncMillis);
    ln.put("deltas", l.deltas);
    ln.put("deltaRecords", l.deltaRecords);
  }
}
