package io.stellwerk.node.federation;

import io.stellwerk.node.topology.NodeIds;
import io.stellwerk.node.topology.TopologyNode;
import io.stellwerk.node.wire.CommandReply;
import io.stellwerk.node.wire.CommandReply.Outcome;
import io.stellwerk.node.wire.CommandRequest;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Routes commands along the tree: executed here if this node is the target, sent down to the child
 * whose subtree holds the target, else up to the parent. Each hop remembers where a command came
 * from so the reply travels back; the target remembers outcomes so a retried command runs once.
 */
final class CommandRouter {

  /** Outcomes remembered for retries. */
  static final int EXECUTED_MEMORY = 10_000;

  /** Sends a command one hop further; returns false when no link is available. */
  interface Hops {
    boolean down(ChildChannel child, CommandRequest c);

    boolean up(ParentLink parent, CommandRequest c);
  }

  private record Pending(Consumer<CommandReply> back, long deadline, String route) {}

  private final StationContext ctx;
  private final CommandExecutor executor;
  private final Hops hops;
  private final Iterable<ChildChannel> children;
  private final Iterable<ParentLink> parents;
  private final Map<UUID, Pending> pending = new HashMap<>();
  private final Map<UUID, CommandReply> executed =
      new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<UUID, CommandReply> e) {
          return size() > EXECUTED_MEMORY;
        }
      };

  CommandRouter(
      StationContext ctx,
      CommandExecutor executor,
      Hops hops,
      Iterable<ChildChannel> children,
      Iterable<ParentLink> parents) {
    this.ctx = ctx;
    this.executor = executor;
    this.hops = hops;
    this.children = children;
    this.parents = parents;
  }

  /** A command arrived (from management, a child or the parent); {@code back} carries the reply. */
  void route(CommandRequest c, Consumer<CommandReply> back) {
    long now = System.currentTimeMillis();
    if (ctx.topology.node(c.target()).isEmpty()) {
      ctx.counters.commandsRejected++;
      back.accept(new CommandReply(c.id(), Outcome.REJECTED, "unknown node " + c.target()));
      return;
    }
    if (now > c.deadline()) {
      back.accept(
          new CommandReply(
              c.id(), Outcome.TIMED_OUT, "deadline passed before it reached " + c.target()));
      return;
    }
    if (c.target().equals(ctx.nodeId())) {
      CommandReply done = executed.get(c.id());
      if (done == null && ctx.active() && c.op() == CommandRequest.Op.ACK) {
        executor.acknowledge(
            c,
            r -> {
              executed.put(c.id(), r);
              back.accept(r);
            });
        return;
      }
      if (done == null) {
        done =
            ctx.active()
                ? executor.execute(c)
                : new CommandReply(c.id(), Outcome.REJECTED, ctx.station + " is a passive peer");
        executed.put(c.id(), done);
      }
      back.accept(done);
      return;
    }
    if (pending.containsKey(c.id())) {
      return; // a retry of a command still in flight: the first reply answers both
    }
    ctx.counters.commandsRouted++;
    String route = forward(c);
    pending.put(c.id(), new Pending(back, c.deadline(), route));
  }

  private String forward(CommandRequest c) {
    if (NodeIds.isWithin(c.target(), ctx.nodeId())) {
      TopologyNode next = null;
      for (TopologyNode child : ctx.node.children()) {
        if (NodeIds.isWithin(c.target(), child.id())) {
          next = child;
        }
      }
      ChildChannel best = null;
      for (ChildChannel ch : children) {
        if (next != null
            && ch.child.nodeId().equals(next.id())
            && (best == null || (!best.live() && ch.live()))) {
          best = ch;
        }
      }
      if (best != null && best.state != LinkState.DOWN && hops.down(best, c)) {
        return "sent down to " + best.child;
      }
      return "no link down toward " + c.target();
    }
    ParentLink best = null;
    for (ParentLink p : parents) {
      if (best == null || (!best.live() && p.live())) {
        best = p;
      }
    }
    if (best != null && best.state != LinkState.DOWN && hops.up(best, c)) {
      return "sent up to " + best.parent;
    }
    return "no link up toward " + c.target();
  }

  /** A reply arrived from a neighbour: pass it back the way the command came. */
  void onReply(CommandReply r) {
    Pending p = pending.remove(r.id());
    if (p != null) {
      p.back().accept(r);
    }
  }

  /** Gives up on commands past their deadline; the origin's client sees TIMED_OUT. */
  void tick(long nowMillis) {
    for (Iterator<Map.Entry<UUID, Pending>> it = pending.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<UUID, Pending> e = it.next();
      if (nowMillis > e.getValue().deadline()) {
        it.remove();
        ctx.counters.commandsTimedOut++;
        e.getValue()
            .back()
            .accept(
                new CommandReply(
                    e.getKey(),
                    Outcome.TIMED_OUT,
                    "no reply within the deadline (" + e.getValue().route() + ")"));
      }
    }
  }
}
