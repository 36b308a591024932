package io.stellwerk.node.federation;

import io.stellwerk.node.dim.Entry;
import io.stellwerk.node.dim.Quality;
import io.stellwerk.node.dim.Value;
import io.stellwerk.node.dim.ValueType;
import io.stellwerk.node.plc.PlcActor;
import io.stellwerk.node.plc.PlcReading;
import io.stellwerk.node.wire.CommandReply;
import io.stellwerk.node.wire.CommandReply.Outcome;
import io.stellwerk.node.wire.CommandRequest;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Executes commands at their target node: force and release values, write PLC points. Owns the
 * node's own writes to the DIM (PLC readings included), so forced keys ignore readings until
 * released.
 */
final class CommandExecutor {

  private final StationContext ctx;
  private final Map<String, PlcReading> lastReadings = new HashMap<>();
  private PlcActor plc;
  private Set<String> writable = Set.of();

  CommandExecutor(StationContext ctx) {
    this.ctx = ctx;
  }

  void attach(PlcActor actor, Set<String> writableKeys) {
    this.plc = actor;
    this.writable = writableKeys;
  }

  /** A reading from the PLC becomes a write of the owner, unless the key is forced. */
  void onReading(PlcReading r) {
    lastReadings.put(r.key(), r);
    Entry held = ctx.dim.get(r.key());
    if (held != null && held.forced()) {
      return;
    }
    if (held != null
        && !held.isTombstone()
        && r.value().equals(held.value())
        && held.quality() == r.quality()) {
      return; // unchanged: no new version, no traffic
    }
    write(r.key(), r.value(), r.quality(), r.timestamp(), false);
  }

  /** Writes one of this node's own keys with the next version. */
  Entry write(String key, Value value, Quality quality, long ts, boolean forced) {
    Entry e = new Entry(key, value, quality, ts, ctx.clock.next(), forced);
    ctx.applyOwn(e);
    if (ctx.history != null) {
      ctx.history.onOwnWrite(e, lastReadings.containsKey(key));
    }
    return e;
  }

  CommandReply execute(CommandRequest c) {
    Entry held = ctx.dim.get(c.key());
    if (held == null || held.isTombstone() || !ctx.nodeId().equals(held.owner())) {
      return reject(c, "unknown key " + c.key() + " at " + ctx.nodeId());
    }
    switch (c.op()) {
      case FORCE -> {
        if (c.value() == null || c.value().type() != held.value().type()) {
          return reject(
              c,
              "bad value type: "
                  + c.key()
                  + " is "
                  + held.value().type().label()
                  + ", got "
                  + typeOf(c.value()));
        }
        write(c.key(), c.value(), Quality.GOOD, System.currentTimeMillis(), true);
      }
      case RELEASE -> {
        if (!held.forced()) {
          return reject(c, c.key() + " is not forced");
        }
        PlcReading r = lastReadings.get(c.key());
        Value v = r == null ? held.value() : r.value();
        write(
            c.key(),
            v,
            r == null ? Quality.UNCERTAIN : r.quality(),
            System.currentTimeMillis(),
            false);
      }
      case WRITE -> {
        if (plc == null || !writable.contains(c.key())) {
          return reject(c, "not writable: " + c.key() + " is not a writable PLC point");
        }
        if (c.value() == null
            || (c.value().type() != ValueType.DOUBLE && c.value().type() != ValueType.LONG)) {
          return reject(
              c, "bad value type: " + c.key() + " takes a number, got " + typeOf(c.value()));
        }
        plc.write(c.key(), c.value());
      }
    }
    ctx.counters.commandsExecuted++;
    return new CommandReply(c.id(), Outcome.DONE, "");
  }

  /**
   * Acknowledges an event of this node's journal (an event of either peer, for a pair) that exists
   * and is neither acknowledged nor cleared: the ack, with who gave it, becomes a record of this
   * station's journal. Anything else is rejected with the reason and writes nothing. The journal is
   * read on the history reader thread; {@code back} is called on the loop.
   */
  void acknowledge(CommandRequest c, Consumer<CommandReply> back) {
    if (ctx.history == null) {
      back.accept(reject(c, ctx.station + " keeps no history (it runs without --data)"));
      return;
    }
    String owner = c.key().substring(0, c.key().indexOf('/'));
    String seq = c.key().substring(c.key().lastIndexOf('/') + 1);
    String who = c.value() == null ? "" : c.value().text();
    boolean ownStation = ctx.node.stations().stream().anyMatch(s -> s.toString().equals(owner));
    if (!ownStation || !seq.matches("[0-9]{1,18}")) {
      back.accept(reject(c, "event " + owner + "#" + seq + " is not an event of " + ctx.nodeId()));
      return;
    }
    if (who.isBlank()) {
      back.accept(reject(c, "an acknowledgement needs the name of who acknowledges"));
      return;
    }
    ctx.history.acknowledge(
        owner,
        Long.parseLong(seq),
        who,
        refused -> {
          if (refused != null) {
            back.accept(reject(c, refused));
            return;
          }
          ctx.counters.commandsExecuted++;
          back.accept(new CommandReply(c.id(), Outcome.DONE, ""));
        });
  }

  private CommandReply reject(CommandRequest c, String reason) {
    ctx.counters.commandsRejected++;
    return new CommandReply(c.id(), Outcome.REJECTED, reason);
  }

  private static String typeOf(Value v) {
    return v == null ? "no value" : v.type().label();
  }
}
