package io.stellwerk.node.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code stellwerk-node} command: the entry point of the node runtime jar. */
@Command(
    name = "stellwerk-node",
    mixinStandardHelpOptions = true,
    versionProvider = StellwerkNode.Version.class,
    description = "Runs and inspects the nodes of a Stellwerk SCADA federation.",
    subcommands = {
      ValidateCommand.class,
      ExplainCommand.class,
      RunCommand.class,
      StatusCommand.class,
      GetCommand.class,
      KeysCommand.class,
      SetCommand.class,
      HistoryCommand.class,
      JournalCommand.class,
      AckCommand.class,
      DemoCommand.class,
      BenchCommand.class,
      HaCommand.class,
      PlcSimCommand.class,
      CommandLine.HelpCommand.class
    })
public final class StellwerkNode {

  /** Exit status for an invalid topology or other bad input. */
  public static final int EXIT_INVALID = 1;

  /** Exit status for a usage error (picocli's own). */
  public static final int EXIT_USAGE = 2;

  private StellwerkNode() {}

  /** Runs the command line and exits with its status. */
  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit status (used by tests). */
  public static int run(String... args) {
    return commandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true))
        .execute(args);
  }

  /** A configured command line writing to the given streams. */
  public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", "stellwerk-node-logback.xml");
    }
    CommandLine cl = new CommandLine(new StellwerkNode());
    cl.setOut(out);
    cl.setErr(err);
    cl.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          if (!(ex instanceof TopologyFiles.InvalidInput)) {
            commandLine.getErr().println("error: " + UserErrors.describe(ex));
          }
          return EXIT_INVALID;
        });
    return cl;
  }

  /** Reads the version Maven wrote into the jar. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
      Properties p = new Properties();
      try (InputStream in =
          StellwerkNode.class.getResourceAsStream("/io/stellwerk/node/version.properties")) {
        if (in != null) {
          p.load(in);
        }
      }
      return new String[] {"stellwerk-node " + p.getProperty("version", "unknown")};
    }
  }
}
