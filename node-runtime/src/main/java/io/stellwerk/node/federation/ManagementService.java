package io.stellwerk.node.federation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stellwerk.node.dim.Entry;
import io.stellwerk.node.dim.Keys;
import io.stellwerk.node.dim.Value;
import io.stellwerk.node.dim.ValueType;
import io.stellwerk.node.security.TrustEntry;
import io.stellwerk.node.security.TrustJson;
import io.stellwerk.node.security.TrustRole;
import io.stellwerk.node.security.TrustStore;
import io.stellwerk.node.wire.CommandReply;
import io.stellwerk.node.wire.CommandRequest;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Answers management requests (JSON over the management ROUTER): status, get a key, list keys by
 * prefix, send a command, and the benchmark hooks (load, probe). Runs on the event loop.
 */
final class ManagementService {

  static final ObjectMapper JSON = new ObjectMapper();

  private final StationContext ctx;
  private final FederationLoop loop;
  private final HistoryQueries history;

  ManagementService(StationContext ctx, FederationLoop loop) {
    this.ctx = ctx;
    this.loop = loop;
    this.history = new HistoryQueries(ctx, loop);
  }

  /**
   * Answers a status and a get once, and drops the answers, before the loop serves anyone. The
   * first request a station answers loads and runs the JSON and status code cold, which took up to
   * 250 ms of the event loop in a station's first second when six stations started at once on two
   * cores; a monitor asks every station for its status from the start, and a stall that long is
   * most of a tight heartbeat deadline.
   */
  void warmUp() {
    handle("{\"op\":\"status\"}".getBytes(StandardCharsets.UTF_8), answer -> {});
    handle(
        ("{\"op\":\"get\",\"key\":\"" + ctx.nodeId() + "/ha/state\"}")
            .getBytes(StandardCharsets.UTF_8),
        answer -> {});
  }

  /** Handles one request; {@code reply} may be called later (commands). */
  void handle(byte[] request, java.util.function.Consumer<String> reply) {
    JsonNode req;
    try {
      req = JSON.readTree(new String(request, StandardCharsets.UTF_8));
    } catch (Exception e) {
      reply.accept(error("the request is not JSON"));
      return;
    }
    String op = req.path("op").asText("");
    try {
      switch (op) {
        case "ping" -> reply.accept("{\"ok\":true}");
        case "status" -> reply.accept(JSON.writeValueAsString(status()));
        case "get" -> reply.accept(get(req.path("key").asText("")));
        case "keys" ->
            reply.accept(keys(req.path("prefix").asText(""), req.path("limit").asInt(1000)));
        case "command" -> command(req, reply);
        case "load" -> {
          loop.load.start(
              req.path("rate").asDouble(1000),
              req.path("keys").asInt(1000),
              req.path("durationMs").asLong(1000) * 1_000_000L,
              System.nanoTime());
          reply.accept("{\"ok\":true}");
        }
        case "fill" -> {
          loop.load.fill(req.path("keys").asInt(1000));
          reply.accept("{\"ok\":true}");
        }
        case "probe" -> reply.accept(probe(req.path("reset").asBoolean(false)));
        case "switchover", "takeover" -> reply.accept(ha(op));
        case "trust.list", "trust.show", "trust.accept", "trust.reject", "trust.revoke" ->
            reply.accept(trust(op, req));
        case "history" -> history.history(req, reply);
        case "history-probe" -> reply.accept(historyProbe(req.path("reset").asBoolean(false)));
        case "journal" -> history.journal(req, reply);
        case "history-fill" -> {
          if (ctx.history == null) {
            reply.accept(error(ctx.station + " keeps no history (it runs without --data)"));
          } else {
            ctx.history.startFill(req.path("records").asLong(1000), req.path("rate").asDouble(0));
            reply.accept("{\"ok\":true}");
          }
        }
        default ->
            reply.accept(
                error(
                    "unknown request '"
                        + op
                        + "' (status, get, keys, command, history, journal, trust.list)"));
      }
    } catch (Exception e) {
      reply.accept(error(e.getMessage() == null ? e.toString() : e.getMessage()));
    }
  }

  /**
   * The trust-store requests of a workstation (the management socket admits only workstation keys
   * when the node is secured): list, show, accept, reject, revoke by fingerprint or unique prefix.
   * A decision counts at the next handshake; a revoke also cuts live connections at the loop's next
   * housekeeping tick.
   */
  private String trust(String op, JsonNode req) {
    if (!ctx.config.secured()) {
      return error(ctx.station + " runs without security (--insecure): it has no trust store");
    }
    TrustStore store = ctx.config.security().trust();
    if (op.equals("trust.list")) {
      ObjectNode out = JSON.createObjectNode();
      ArrayNode entries = out.putArray("entries");
      store.list().forEach(e -> entries.add(TrustJson.of(e)));
      return out.toString();
    }
    String typed = req.path("fingerprint").asText("");
    if (typed.isEmpty()) {
      return error(op + " needs a fingerprint");
    }
    TrustEntry found = store.find(typed);
    TrustEntry result =
        switch (op) {
          case "trust.show" -> found;
          case "trust.accept" -> {
            String role = req.path("role").asText("");
            yield store.accept(
                found.fingerprint(),
                req.path("identity").asText("").isEmpty() ? null : req.get("identity").asText(),
                role.isEmpty() ? null : TrustRole.parse(role),
                req.path("replace").asBoolean(false));
          }
          case "trust.reject" -> store.reject(found.fingerprint());
          default -> store.revoke(found.fingerprint());
        };
    loop.post(loop::cutRevoked);
    ObjectNode out = JSON.createObjectNode();
    out.set("entry", TrustJson.of(result));
    return out.toString();
  }

  static String error(String message) {
    ObjectNode n = JSON.createObjectNode();
    n.put("error", message);
    return n.toString();
  }

  ObjectNode status() {
    long now = System.nanoTime();
    ObjectNode s = JSON.createObjectNode();
    s.put("station", ctx.station.toString());
    s.put("node", ctx.nodeId());
    s.put("federation", ctx.topology.federation());
    s.put("role", ctx.station.isPeer() ? ctx.station.role().label() : "single");
    s.put("state", ctx.active() ? "active" : "passive");
    s.put("epoch", ctx.clock.epoch());
    s.put("uptimeMs", System.currentTimeMillis() - ctx.startedAtMillis);
    ArrayNode links = s.putArray("links");
    for (ParentLink p : loop.parents) {
      ObjectNode l = links.addObject();
      l.put("neighbour", p.parent.toString());
      l.put("direction", "parent");
      l.put("state", p.state.label());
      l.put("lastHeardMs", p.heartbeatAgeMillis(now));
      l.put("lastSyncMs", p.lastSyncMillis);
      l.put("lastSyncEntries", p.lastSyncEntries);
    }
    for (ChildChannel c : loop.children) {
      ObjectNode l = links.addObject();
      l.put("neighbour", c.child.toString());
      l.put("direction", "child");
      l.put("state", c.state.label());
      l.put("lastHeardMs", c.heartbeatAgeMillis(now));
    }
    if (loop.ha != null) {
      HaController ha = loop.ha;
      ObjectNode h = s.putObject("ha");
      h.put("state", ha.state().label());
      h.put("epoch", ha.activeEpoch());
      h.put("ready", ha.ready(now));
      h.put("lastAlarm", ha.lastAlarm);
      ObjectNode p = h.putObject("peer");
      p.put("station", ha.peer.peer.toString());
      p.put("state", ha.peer.peerState.label());
      p.put("alive", !ha.peerSilent(now));
      p.put("lastHeardMs", ha.peer.heartbeatAgeMillis(now));
      p.put("ready", ha.peer.peerReady);
      p.put("link", ha.peer.state.label());
      h.put("plcWrites", loop.lease.valid());
      if (ha.witness != null) {
        ObjectNode l = h.putObject("lifeSign");
        l.put("verdict", ha.witness.verdict(now).name().toLowerCase(java.util.Locale.ROOT));
        l.put("value", ha.witness.value());
        l.put("unchangedMs", ha.witness.unchangedMillis(now));
      }
    }
    ObjectNode dim = s.putObject("dim");
    dim.put("keys", ctx.dim.liveSize());
    dim.put("entries", ctx.dim.size());
    dim.put("digest", ctx.dim.digest());
    ObjectNode vv = s.putObject("versions");
    ctx.dim.vector().asMap().forEach((o, v) -> vv.put(o, v.toString()));
    ObjectNode counters = s.putObject("counters");
    ctx.counters.snapshot().forEach(counters::put);
    counters.put("plcRestarts", loop.plc == null ? 0 : loop.plc.restarts());
    history.status(s);
    return s;
  }

  private String get(String key) throws Exception {
    Entry e = ctx.dim.get(key);
    if (e == null || e.isTombstone()) {
      return error("no key " + key + " in the process image of " + ctx.station);
    }
    return JSON.writeValueAsString(entryJson(e));
  }

  private String keys(String prefix, int limit) throws Exception {
    List<Entry> list = ctx.dim.byPrefix(prefix, Math.max(1, Math.min(limit, 100_000)));
    ArrayNode a = JSON.createArrayNode();
    list.forEach(e -> a.add(entryJson(e)));
    ObjectNode n = JSON.createObjectNode();
    n.set("entries", a);
    return JSON.writeValueAsString(n);
  }

  static ObjectNode entryJson(Entry e) {
    ObjectNode n = JSON.createObjectNode();
    n.put("key", e.key());
    n.put("type", e.value().type().label());
    n.put("value", e.value().text());
    n.put("quality", e.quality().name().toLowerCase(Locale.ROOT));
    n.put("sourceTime", e.sourceTime());
    n.put("version", e.version().toString());
    n.put("forced", e.forced());
    return n;
  }

  private void command(JsonNode req, java.util.function.Consumer<String> reply) {
    String key = req.path("key").asText("");
    if (!Keys.isValid(key)) {
      reply.accept(error("'" + key + "' is not a key of the form <node-id>/<path>"));
      return;
    }
    CommandRequest.Op op;
    try {
      op = CommandRequest.Op.valueOf(req.path("action").asText("").toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      reply.accept(error("unknown action (force, release, write)"));
      return;
    }
    Value value = null;
    UUID id = req.hasNonNull("id") ? UUID.fromString(req.get("id").asText()) : UUID.randomUUID();
    if (op != CommandRequest.Op.RELEASE) {
      try {
        value =
            Value.parse(typeFor(key, req.path("type").asText("")), req.path("value").asText(""));
      } catch (IllegalArgumentException e) {
        reply.accept(
            replyJson(
                new CommandReply(
                    id, CommandReply.Outcome.REJECTED, "bad value type: " + e.getMessage())));
        return;
      }
    }
    long deadline = System.currentTimeMillis() + Math.max(1, req.path("timeoutMs").asLong(5000));
    CommandRequest c =
        new CommandRequest(
            id, ctx.station.toString(), Keys.nodeOf(Keys.owner(key)), deadline, op, key, value);
    loop.router.route(c, r -> reply.accept(replyJson(r)));
  }

  private ValueType typeFor(String key, String given) {
    if (!given.isEmpty()) {
      return ValueType.valueOf(given.toUpperCase(Locale.ROOT));
    }
    Entry held = ctx.dim.get(key);
    return held == null || held.isTombstone() ? ValueType.STRING : held.value().type();
  }

  private static String replyJson(CommandReply r) {
    ObjectNode n = JSON.createObjectNode();
    n.put("id", r.id().toString());
    n.put("outcome", r.outcome().name().toLowerCase(Locale.ROOT).replace('_', '-'));
    n.put("reason", r.reason());
    return n.toString();
  }

  private String ha(String op) {
    if (loop.ha == null) {
      return error(ctx.station + " is not a peer of a pair");
    }
    long now = System.nanoTime();
    String refusal = op.equals("switchover") ? loop.ha.switchover(now) : loop.ha.takeover(now);
    ObjectNode n = JSON.createObjectNode();
    n.put("outcome", refusal == null ? "done" : "rejected");
    n.put("reason", refusal == null ? "" : refusal);
    n.put("state", loop.ha.state().label());
    return n.toString();
  }

  private String historyProbe(boolean reset) {
    if (ctx.history == null) {
      return error(ctx.station + " keeps no history (it runs without --data)");
    }
    org.HdrHistogram.Histogram lag = ctx.history.lag;
    ObjectNode n = JSON.createObjectNode();
    n.put("count", lag.getTotalCount());
    n.put("p50Us", lag.getValueAtPercentile(50) / 1000.0);
    n.put("p99Us", lag.getValueAtPercentile(99) / 1000.0);
    n.put("maxUs", lag.getMaxValue() / 1000.0);
    n.put("filling", ctx.history.filling());
    if (reset) {
      lag.reset();
    }
    return n.toString();
  }

  private String probe(boolean reset) {
    ObjectNode n = JSON.createObjectNode();
    n.put("count", ctx.latency.getTotalCount());
    n.put("p50Us", ctx.latency.getValueAtPercentile(50) / 1000.0);
    n.put("p99Us", ctx.latency.getValueAtPercentile(99) / 1000.0);
    n.put("maxUs", ctx.latency.getMaxValue() / 1000.0);
    n.put("written", loop.load.written());
    n.put("loading", loop.load.active(System.nanoTime()));
    n.put("applied", ctx.counters.updatesApplied);
    long collections = 0;
    long collectionMs = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      collections += Math.max(0, gc.getCollectionCount());
      collectionMs += Math.max(0, gc.getCollectionTime());
    }
    n.put("gcCount", collections);
    n.put("gcMs", collectionMs);
    if (reset) {
      ctx.latency.reset();
    }
    return n.toString();
  }
}
