package io.stellwerk.node.cli;

import io.stellwerk.node.security.TrustEntry;
import io.stellwerk.node.security.TrustRole;
import io.stellwerk.node.security.TrustState;
import io.stellwerk.node.security.TrustStore;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The trust-store subcommands of {@code security}: list, show, accept, reject, revoke. */
final class TrustCommands {

  private TrustCommands() {}

  /** What every trust command takes: the store and, mostly, a fingerprint. */
  abstract static class StoreCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(
        names = "--store",
        required = true,
        paramLabel = "DIR",
        description = "The trust store directory (a bundle's trust/).")
    Path store;

    TrustStore open() {
      if (!Files.isDirectory(store)) {
        throw new IllegalArgumentException("no trust store at " + store);
      }
      return TrustStore.open(store);
    }

    PrintWriter out() {
      return spec.commandLine().getOut();
    }

    void line(TrustEntry e) {
      out()
          .printf(
              "%-9s %s  %-24s %-11s %s%n",
              e.state().label(),
              e.fingerprint(),
              e.identity() == null ? "-" : e.identity(),
              e.role() == null ? "-" : e.role().label(),
              e.note() == null ? "" : e.note());
    }
  }

  /** Fingerprint-taking commands. */
  abstract static class OneKey extends StoreCommand {
    @Parameters(index = "0", paramLabel = "FINGERPRINT", description = "SHA256:... or a prefix.")
    String fingerprint;
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists every key.")
  static final class ListKeys extends StoreCommand {
    @Override
    public Integer call() {
      open().list().forEach(this::line);
      return 0;
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "Shows one key.")
  static final class Show extends OneKey {
    @Override
    public Integer call() {
      TrustEntry e = open().find(fingerprint);
      PrintWriter o = out();
      o.println("fingerprint " + e.fingerprint());
      o.println("public-key  " + e.cert().publicZ85());
      o.println("state       " + e.state().label());
      o.println("identity    " + (e.identity() == null ? "-" : e.identity()));
      o.println("role        " + (e.role() == null ? "-" : e.role().label()));
      o.println("first-seen  " + e.firstSeen());
      o.println("last-seen   " + e.lastSeen());
      o.println("source      " + (e.source() == null ? "-" : e.source()));
      o.println("requested   " + (e.requested() == null ? "-" : e.requested()));
      o.println("knocks      " + e.knocks());
      o.println("note        " + (e.note() == null ? "" : e.note()));
      e.metadata().forEach((k, v) -> o.println("meta " + k + " = " + v));
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
      TrustStore s = open();
      TrustEntry e =
          s.accept(
              s.find(fingerprint).fingerprint(),
              identity,
              role == null ? null : TrustRole.parse(role),
              replace);
      line(e);
      if (e.state() == TrustState.CONFLICT) {
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
      TrustStore s = open();
      line(s.reject(s.find(fingerprint).fingerprint()));
      return 0;
    }
  }

  @Command(
      name = "revoke",
      mixinStandardHelpOptions = true,
      description = "Revokes an accepted key: denied at its next handshake.")
  static final class Revoke extends OneKey {
    @Override
    public Integer call() {
      TrustStore s = open();
      line(s.revoke(s.find(fingerprint).fingerprint()));
      return 0;
    }
  }
}
