package io.stellwerk.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stellwerk.node.security.TrustEntry;
import io.stellwerk.node.security.TrustJson;
import io.stellwerk.node.security.TrustRole;
import io.stellwerk.node.security.TrustStore;
import io.stellwerk.node.topology.StationId;
import io.stellwerk.node.topology.Topology;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The trust subcommands of {@code keys}: list, show, accept, reject, revoke, on a local trust store
 * ({@code --store DIR}) or on a running station through its management socket ({@code --topology F
 * --via NODE}, with the workstation's key).
 */
final class TrustCommands {

  private TrustCommands() {}

  /** What every trust command takes: a local store, or a station to ask. */
  abstract static class StoreCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Mixin RemoteOptions remote;

    @Option(
        names = "--store",
        paramLabel = "DIR",
        description = "A local trust store directory (a bundle's trust/).")
    Path store;

    @Option(
        names = "--via",
        paramLabel = "NODE_ID",
        description = "A running station whose trust store to use (with --topology).")
    String via;

    /** Runs one trust operation locally or remotely and returns the resulting entries. */
    List<TrustJson.Row> run(String op, ObjectNode args) {
      if ((store == null) == (via == null)) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "give either --store DIR or --topology FILE --via NODE_ID");
      }
      if (store != null) {
        if (!Files.isDirectory(store)) {
          throw new IllegalArgumentException("no trust store at " + store);
        }
        TrustStore s = TrustStore.open(store);
        List<TrustJson.Row> rows = new ArrayList<>();
        if (op.equals("trust.list")) {
          s.list().forEach(e -> rows.add(TrustJson.row(TrustJson.of(e))));
          return rows;
        }
        TrustEntry found = s.find(args.path("fingerprint").asText());
        TrustEntry e =
            switch (op) {
              case "trust.show" -> found;
              case "trust.accept" ->
                  s.accept(
                      found.fingerprint(),
                      args.hasNonNull("identity") ? args.get("identity").asText() : null,
                      args.hasNonNull("role") ? TrustRole.parse(args.get("role").asText()) : null,
                      args.path("replace").asBoolean(false));
              case "trust.reject" -> s.reject(found.fingerprint());
              default -> s.revoke(found.fingerprint());
            };
        rows.add(TrustJson.row(TrustJson.of(e)));
        return rows;
      }
      Topology t = TopologyFiles.loadOrExit(spec, remote.topology);
      StationId station = Stations.resolve(t, via);
      args.put("op", op);
      JsonNode r =
          op.equals("trust.list") || op.equals("trust.show")
              ? Clients.query(remote, t, station, args.toString(), remote.timeout())
              : Clients.ask(remote, t, station, args.toString(), remote.timeout());
      List<TrustJson.Row> rows = new ArrayList<>();
      if (r.has("entries")) {
        r.get("entries").forEach(n -> rows.add(TrustJson.row(n)));
      } else {
        rows.add(TrustJson.row(r.path("entry")));
      }
      return rows;
    }

    PrintWriter out() {
      return spec.commandLine().getOut();
    }

    void line(TrustJson.Row e) {
      out()
          .printf(
              "%-9s %s  %-24s %-11s %s%n",
              e.state(),
              e.fingerprint(),
              e.identity() == null ? "-" : e.identity(),
              e.role() == null ? "-" : e.role(),
              e.note() == null ? "" : e.note());
    }
  }

  /** Fingerprint-taking commands. */
  abstract static class OneKey extends StoreCommand {
    @Parameters(index = "0", paramLabel = "FINGERPRINT", description = "SHA256:... or a prefix.")
    String fingerprint;

    ObjectNode args() {
      return JsonNodeFactory.instance.objectNode().put("fingerprint", fingerprint);
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists every key.")
  static final class ListKeys extends StoreCommand {
    @Override
    public Integer call() {
      run("trust.list", JsonNodeFactory.instance.objectNode()).forEach(this::line);
      return 0;
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "Shows one key.")
  static final class Show extends OneKey {
    @Override
    public Integer call() {
      TrustJson.Row e = run("trust.show", args()).get(0);
      PrintWriter o = out();
      o.println("fingerprint " + e.fingerprint());
      o.println("state       " + e.state());
      o.println("identity    " + (e.identity() == null ? "-" : e.identity()));
      o.println("role        " + (e.role() == null ? "-" : e.role()));
      o.println("first-seen  " + e.firstSeen());
      o.println("last-seen   " + e.lastSeen());
      o.println("source      " + (e.source() == null ? "-" : e.source()));
      o.println("requested   " + (e.requested() == null ? "-" : e.requested()));
      o.println("knocks      " + e.knocks());
      o.println("note        " + (e.note() == null ? "" : e.note()));
      return 0;
    }
  }

  @Command(
      name = "accept",
      mixinStandardHelpOptions = true,
      description = "Accepts a key for an identity and role; a taken identity gives a conflict.")
  static final class Accept extends OneKey {
    @Option(names = "--identity", paramLabel = "ID", description = "root.s1, root[backup], ...")
    String identity;

    @Option(names = "--role", paramLabel = "ROLE", description = "parent, child, peer, workstation")
    String role;

    @Option(names = "--replace", description = "Retire the identity's current key.")
    boolean replace;

    @Override
    public Integer call() {
      ObjectNode a = args().put("identity", identity).put("role", role).put("replace", replace);
      TrustJson.Row e = run("trust.accept", a).get(0);
      line(e);
      if (e.state().equals("conflict")) {
        spec.commandLine()
            .getErr()
            .println("error: " + e.note() + "; accept with --replace to retire it");
        return StellwerkNode.EXIT_INVALID;
      }
      return 0;
    }
  }

  @Command(name = "reject", mixinStandardHelpOptions = true, description = "Rejects a key.")
  static final class Reject extends OneKey {
    @Override
    public Integer call() {
      line(run("trust.reject", args()).get(0));
      return 0;
    }
  }

  @Command(
      name = "revoke",
      mixinStandardHelpOptions = true,
      description =
          "Revokes an accepted key: a running station cuts its connections within a second.")
  static final class Revoke extends OneKey {
    @Override
    public Integer call() {
      line(run("trust.revoke", args()).get(0));
      return 0;
    }
  }
}
