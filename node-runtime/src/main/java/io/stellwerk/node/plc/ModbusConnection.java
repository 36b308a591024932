package io.stellwerk.node.plc;

import com.digitalpetri.modbus.client.ModbusTcpClient;
import com.digitalpetri.modbus.exceptions.ModbusException;
import com.digitalpetri.modbus.pdu.ReadCoilsRequest;
import com.digitalpetri.modbus.pdu.ReadDiscreteInputsRequest;
import com.digitalpetri.modbus.pdu.ReadHoldingRegistersRequest;
import com.digitalpetri.modbus.pdu.ReadInputRegistersRequest;
import com.digitalpetri.modbus.pdu.WriteMultipleRegistersRequest;
import com.digitalpetri.modbus.pdu.WriteSingleCoilRequest;
import com.digitalpetri.modbus.pdu.WriteSingleRegisterRequest;
import com.digitalpetri.modbus.tcp.client.NettyTcpClientTransport;
import io.stellwerk.node.topology.ModbusPoint;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * One Modbus TCP client connection to a PLC, used from one thread. Reads and writes whole points as
 * raw 16-bit words (or bits); a failure closes the connection, and the next call reconnects.
 */
final class ModbusConnection implements AutoCloseable {

  private final String host;
  private final int port;
  private final int unit;
  private final String localAddress;
  private final Duration timeout;
  private ModbusTcpClient client;

  /**
   * @param localAddress the address to connect from, or {@code null} to let the system choose (the
   *     PLC logs the connection's address, which tells it which peer wrote)
   */
  ModbusConnection(String host, int port, int unit, String localAddress, Duration timeout) {
    this.host = host;
    this.port = port;
    this.unit = unit;
    this.localAddress = localAddress;
    this.timeout = timeout;
  }

  String target() {
    return host + ":" + port;
  }

  boolean connected() {
    return client != null && client.isConnected();
  }

  private ModbusTcpClient client() throws ModbusException {
    if (client == null) {
      NettyTcpClientTransport transport =
          NettyTcpClientTransport.create(
              c -> {
                c.setHostname(host);
                c.setPort(port);
                c.setConnectTimeout(timeout);
                c.setConnectPersistent(false);
                if (localAddress != null) {
                  c.setBootstrapCustomizer(
                      b -> b.localAddress(new InetSocketAddress(localAddress, 0)));
                }
              });
      ModbusTcpClient c = ModbusTcpClient.create(transport, cfg -> cfg.setRequestTimeout(timeout));
      try {
        c.connect();
      } catch (ModbusException | RuntimeException e) {
        quietly(c);
        throw e;
      }
      client = c;
    }
    return client;
  }

  /** Reads {@code count} words (registers) or bits (as 0/1 words) from a table. */
  int[] read(ModbusPoint.Table table, int address, int count) throws ModbusException {
    try {
      ModbusTcpClient c = client();
      return switch (table) {
        case HOLDING ->
            words(
                c.readHoldingRegisters(unit, new ReadHoldingRegistersRequest(address, count))
                    .registers(),
                count);
        case INPUT ->
            words(
                c.readInputRegisters(unit, new ReadInputRegistersRequest(address, count))
                    .registers(),
                count);
        case COIL -> bits(c.readCoils(unit, new ReadCoilsRequest(address, count)).coils(), count);
        case DISCRETE ->
            bits(
                c.readDiscreteInputs(unit, new ReadDiscreteInputsRequest(address, count)).inputs(),
                count);
      };
    } catch (ModbusException | RuntimeException e) {
      close();
      throw e;
    }
  }

  /** Writes words to holding registers, or one bit to a coil (any non-zero word sets it). */
  void write(ModbusPoint.Table table, int address, int[] words) throws ModbusException {
    try {
      ModbusTcpClient c = client();
      switch (table) {
        case HOLDING -> {
          if (words.length == 1) {
            c.writeSingleRegister(unit, new WriteSingleRegisterRequest(address, words[0]));
          } else {
            byte[] bytes = new byte[words.length * 2];
            for (int i = 0; i < words.length; i++) {
              bytes[2 * i] = (byte) (words[i] >> 8);
              bytes[2 * i + 1] = (byte) words[i];
            }
            c.writeMultipleRegisters(
                unit, new WriteMultipleRegistersRequest(address, words.length, bytes));
          }
        }
        case COIL -> c.writeSingleCoil(unit, new WriteSingleCoilRequest(address, words[0] != 0));
        default -> throw new IllegalArgumentException(table.label() + " is read-only");
      }
    } catch (ModbusException | RuntimeException e) {
      close();
      throw e;
    }
  }

  private static int[] words(byte[] b, int count) {
    int[] out = new int[count];
    for (int i = 0; i < count; i++) {
      out[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
    }
    return out;
  }

  private static int[] bits(byte[] b, int count) {
    int[] out = new int[count];
    for (int i = 0; i < count; i++) {
      out[i] = (b[i / 8] >> (i % 8)) & 1;
    }
    return out;
  }

  @Override
  public void close() {
    if (client != null) {
      quietly(client);
      client = null;
    }
  }

  private static void quietly(ModbusTcpClient c) {
    try {
      c.disconnect();
    } catch (ModbusException | RuntimeException e) {
      // closing a connection that already failed
    }
  }
}
