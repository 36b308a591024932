package io.stellwerk.node.plc;

import com.digitalpetri.modbus.ExceptionCode;
import com.digitalpetri.modbus.exceptions.ModbusResponseException;
import com.digitalpetri.modbus.pdu.ReadCoilsRequest;
import com.digitalpetri.modbus.pdu.ReadCoilsResponse;
import com.digitalpetri.modbus.pdu.ReadDiscreteInputsRequest;
import com.digitalpetri.modbus.pdu.ReadDiscreteInputsResponse;
import com.digitalpetri.modbus.pdu.ReadHoldingRegistersRequest;
import com.digitalpetri.modbus.pdu.ReadHoldingRegistersResponse;
import com.digitalpetri.modbus.pdu.ReadInputRegistersRequest;
import com.digitalpetri.modbus.pdu.ReadInputRegistersResponse;
import com.digitalpetri.modbus.pdu.WriteMultipleCoilsRequest;
import com.digitalpetri.modbus.pdu.WriteMultipleCoilsResponse;
import com.digitalpetri.modbus.pdu.WriteMultipleRegistersRequest;
import com.digitalpetri.modbus.pdu.WriteMultipleRegistersResponse;
import com.digitalpetri.modbus.pdu.WriteSingleCoilRequest;
import com.digitalpetri.modbus.pdu.WriteSingleCoilResponse;
import com.digitalpetri.modbus.pdu.WriteSingleRegisterRequest;
import com.digitalpetri.modbus.pdu.WriteSingleRegisterResponse;
import com.digitalpetri.modbus.server.ModbusRequestContext;
import com.digitalpetri.modbus.server.ModbusServices;
import com.digitalpetri.modbus.server.ModbusTcpServer;
import com.digitalpetri.modbus.tcp.server.NettyTcpServerTransport;
import io.netty.channel.ChannelOption;
import io.stellwerk.node.topology.ModbusPoint;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A Modbus TCP server holding a simulated process image ({@link TunnelImage}) that moves on its own
 * every 100 ms. Every write is reported, with the writer's connection (remote address:port), to the
 * {@link WriteListener}, so a test or a person can see who wrote what and when.
 */
public final class PlcSimServer implements AutoCloseable {

  /** Receives every write the server accepted. */
  public interface WriteListener {
    void wrote(String remote, ModbusPoint.Table table, int address, int[] values);
  }

  private final TunnelImage image;
  private final WriteListener listener;
  private final ModbusTcpServer server;
  private final ScheduledExecutorService ticker;
  private final InetSocketAddress address;

  private PlcSimServer(String host, int port, TunnelImage image, WriteListener listener) {
    this.image = image;
    this.address = new InetSocketAddress(host, port);
    this.listener = listener;
    NettyTcpServerTransport transport =
        NettyTcpServerTransport.create(
            c -> {
              c.setBindAddress(host);
              c.setPort(port);
              // A restarted simulator must get its port back while old connections linger.
              c.setBootstrapCustomizer(b -> b.option(ChannelOption.SO_REUSEADDR, true));
            });
    this.server = ModbusTcpServer.create(transport, new Services());
    this.ticker =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "plc-sim-process");
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Binds {@code host:port} and starts the simulated process.
   *
   * @throws IllegalStateException with a one-line reason when the address cannot be bound
   */
  public static PlcSimServer start(
      String host, int port, TunnelImage image, WriteListener listener) {
    PlcSimServer s = new PlcSimServer(host, port, image, listener);
    try {
      s.server.start();
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "cannot listen on " + host + ":" + port + ": " + e.getCause().getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting", e);
    }
    s.ticker.scheduleAtFixedRate(() -> image.step(0.1), 100, 100, TimeUnit.MILLISECONDS);
    return s;
  }

  public TunnelImage image() {
    return image;
  }

  /**
   * Stops the server and returns once its port can be bound again, so a simulator restarted at once
   * (a PLC coming back) gets its address.
   */
  @Override
  public void close() {
    ticker.shutdownNow();
    try {
      server.stop();
      awaitReleased(address);
    } catch (ExecutionException e) {
      // already stopped
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Netty completes the close of its listening channel before the kernel socket is gone: the JDK
   * closes a channel registered with a selector only when the event loop next selects. Until then a
   * bind to the same address fails with "Address already in use", SO_REUSEADDR or not.
   */
  private static void awaitReleased(InetSocketAddress address) throws InterruptedException {
    long deadline = System.nanoTime() + RELEASE_TIMEOUT.toNanos();
    while (true) {
      try (ServerSocket probe = new ServerSocket()) {
        probe.setReuseAddress(true);
        probe.bind(address);
        return;
      } catch (IOException e) {
        if (System.nanoTime() > deadline) {
          return; // start() names the address if it is still taken
        }
        Thread.sleep(2); // the event loop's next turn; nothing to wait on from here
      }
    }
  }

  private static final Duration RELEASE_TIMEOUT = Duration.ofSeconds(2);

  private static String remote(ModbusRequestContext ctx) {
    if (ctx instanceof ModbusRequestContext.ModbusTcpRequestContext tcp) {
      String s = String.valueOf(tcp.remoteAddress());
      return s.startsWith("/") ? s.substring(1) : s;
    }
    return "unknown";
  }

  private final class Services implements ModbusServices {

    @Override
    public ReadHoldingRegistersResponse readHoldingRegisters(
        ModbusRequestContext ctx, int unit, ReadHoldingRegistersRequest r)
        throws ModbusResponseException {
      check(r.getFunctionCode(), r.address(), r.quantity());
      return new ReadHoldingRegistersResponse(
          bytes(image.read(ModbusPoint.Table.HOLDING, r.address(), r.quantity())));
    }

    @Override
    public ReadInputRegistersResponse readInputRegisters(
        ModbusRequestContext ctx, int unit, ReadInputRegistersRequest r)
        throws ModbusResponseException {
      check(r.getFunctionCode(), r.address(), r.quantity());
      return new ReadInputRegistersResponse(
          bytes(image.read(ModbusPoint.Table.INPUT, r.address(), r.quantity())));
    }

    @Override
    public ReadCoilsResponse readCoils(ModbusRequestContext ctx, int unit, ReadCoilsRequest r)
        throws ModbusResponseException {
      check(r.getFunctionCode(), r.address(), r.quantity());
      return new ReadCoilsResponse(
          bits(image.read(ModbusPoint.Table.COIL, r.address(), r.quantity())));
    }

    @Override
    public ReadDiscreteInputsResponse readDiscreteInputs(
        ModbusRequestContext ctx, int unit, ReadDiscreteInputsRequest r)
        throws ModbusResponseException {
      check(r.getFunctionCode(), r.address(), r.quantity());
      return new ReadDiscreteInputsResponse(
          bits(image.read(ModbusPoint.Table.DISCRETE, r.address(), r.quantity())));
    }

    @Override
    public WriteSingleRegisterResponse writeSingleRegister(
        ModbusRequestContext ctx, int unit, WriteSingleRegisterRequest r)
        throws ModbusResponseException {
      check(r.getFunctionCode(), r.address(), 1);
      int[] v = {r.value() & 0xffff};
      image.write(ModbusPoint.Table.HOLDING, r.address(), v);
      listener.wrote(remote(ctx), ModbusPoint.Table.HOLDING, r.address(), v);
      return new WriteSingleRegisterResponse(r.address(), r.value());
    }

    @Override
    public WriteMultipleRegistersResponse writeMultipleRegisters(
        ModbusRequestContext ctx, int unit, WriteMultipleRegistersRequest r)
        throws ModbusResponseException {
      check(r.getFunctionCode(), r.address(), r.quantity());
      int[] v = new int[r.quantity()];
      for (int i = 0; i < v.length; i++) {
        v[i] = ((r.values()[2 * i] & 0xff) << 8) | (r.values()[2 * i + 1] & 0xff);
      }
      image.write(ModbusPoint.Table.HOLDING, r.address(), v);
      listener.wrote(remote(ctx), ModbusPoint.Table.HOLDING, r.address(), v);
      return new WriteMultipleRegistersResponse(r.address(), r.quantity());
    }

    @Override
    public WriteSingleCoilResponse writeSingleCoil(
        ModbusRequestContext ctx, int unit, WriteSingleCoilRequest r)
        throws ModbusResponseException {
      check(r.getFunctionCode(), r.address(), 1);
      int[] v = {r.value() != 0 ? 1 : 0};
      image.write(ModbusPoint.Table.COIL, r.address(), v);
      listener.wrote(remote(ctx), ModbusPoint.Table.COIL, r.address(), v);
      return new WriteSingleCoilResponse(r.address(), r.value());
    }

    @Override
    public WriteMultipleCoilsResponse writeMultipleCoils(
        ModbusRequestContext ctx, int unit, WriteMultipleCoilsRequest r)
        throws ModbusResponseException {
      check(r.getFunctionCode(), r.address(), r.quantity());
      int[] v = new int[r.quantity()];
      for (int i = 0; i < v.length; i++) {
        v[i] = (r.values()[i / 8] >> (i % 8)) & 1;
      }
      image.write(ModbusPoint.Table.COIL, r.address(), v);
      listener.wrote(remote(ctx), ModbusPoint.Table.COIL, r.address(), v);
      return new WriteMultipleCoilsResponse(r.address(), r.quantity());
    }
  }

  /** Addresses beyond the simulated image are an exception response, as a real PLC gives. */
  private static void check(int functionCode, int address, int quantity)
      throws ModbusResponseException {
    if (address < 0 || quantity < 1 || address + quantity > TunnelImage.SIZE) {
      throw new ModbusResponseException(functionCode, ExceptionCode.ILLEGAL_DATA_ADDRESS.getCode());
    }
  }

  private static byte[] bytes(int[] words) {
    byte[] b = new byte[words.length * 2];
    for (int i = 0; i < words.length; i++) {
      b[2 * i] = (byte) (words[i] >> 8);
      b[2 * i + 1] = (byte) words[i];
    }
    return b;
  }

  private static byte[] bits(int[] values) {
    byte[] b = new byte[(values.length + 7) / 8];
    for (int i = 0; i < values.length; i++) {
      if (values[i] != 0) {
        b[i / 8] |= (byte) (1 << (i % 8));
      }
    }
    return b;
  }
}
