package io.stellwerk.node.cli;

import io.stellwerk.node.plc.PlcSimServer;
import io.stellwerk.node.plc.TunnelImage;
import io.stellwerk.node.topology.HostNames;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code plc-sim}: a Modbus TCP PLC with a simulated process image, printing one line per write
 * with the writer's connection so anyone can see which peer wrote.
 */
@Command(
    name = "plc-sim",
    mixinStandardHelpOptions = true,
    description = {
      "Runs a simulated PLC as a Modbus TCP server until stopped.",
      "Prints one line per write: time, the writer's address:port, table[address]=values."
    })
final class PlcSimCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--port",
      required = true,
      paramLabel = "P",
      description = "TCP port to listen on.")
  int port;

  @Option(
      names = "--host",
      defaultValue = "127.0.0.1",
      paramLabel = "ADDR",
      description = "Address to listen on (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(
      names = "--profile",
      defaultValue = "tunnel",
      paramLabel = "NAME",
      description = "Simulated process image: tunnel (default).")
  String profile;

  @Override
  public Integer call() throws InterruptedException {
    if (port < 1 || port > 65535) {
      throw new ParameterException(
          spec.commandLine(), "--port " + port + " is not a TCP port (1-65535)");
    }
    if (HostNames.problem(host).isPresent()) {
      throw new ParameterException(spec.commandLine(), "--host: " + HostNames.problem(host).get());
    }
    if (!profile.equals("tunnel")) {
      throw new ParameterException(
          spec.commandLine(), "unknown profile '" + profile + "' (known: tunnel)");
    }
    PrintWriter out = spec.commandLine().getOut();
    PlcSimServer server =
        PlcSimServer.start(
            host,
            port,
            new TunnelImage(),
            (remote, table, address, values) -> {
              synchronized (out) {
                out.println(
                    Instant.now()
                        + " "
                        + remote
                        + " wrote "
                        + table.label()
                        + "["
                        + address
                        + "]="
                        + (values.length == 1
                            ? Integer.toString(values[0])
                            : Arrays.toString(values)));
                out.flush();
              }
            });
    out.println("plc-sim listening on " + host + ":" + port + " (profile " + profile + ")");
    out.flush();
    CountDownLatch stop = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  stop.countDown();
                },
                "plc-sim-stop"));
    stop.await();
    return 0;
  }
}
