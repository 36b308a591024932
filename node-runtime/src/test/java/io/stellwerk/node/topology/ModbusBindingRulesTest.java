package io.stellwerk.node.topology;

import static io.stellwerk.node.topology.Topologies.assertProblem;
import static io.stellwerk.node.topology.Topologies.load;
import static io.stellwerk.node.topology.Topologies.onlyProblem;
import static io.stellwerk.node.topology.Topologies.valid;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Modbus PLC bindings: parameters, the life sign, points, and the pair rule. */
class ModbusBindingRulesTest {

  /**
   * A pair whose PLC block starts on line 7 with {@code kind} on line 8; the given lines follow
   * from line 9 on, indented by four.
   */
  private static String pairWithModbus(String lines) {
    return """
        federation: test
        root:
          id: root
          pair:
            primary: {host: 10.0.0.1, port: 7000}
            backup: {host: 10.0.0.2, port: 7000}
          plc:
            kind: modbus
        """
        + lines.indent(4);
  }

  private static final String GOOD =
      """
      host: 10.0.0.9
      port: 1502
      poll: 200ms
      life_sign: {register: 100, interval: 250ms}
      points:
        - {key: air/co_ppm, table: input, address: 0, type: uint16, scale: 0.1}
        - {key: fan1/setpoint_pct, table: holding, address: 0, type: int32, access: read_write}
        - {key: fan1/run, table: coil, address: 0, access: write}
      """;

  @Test
  void aValidBindingReadsAsTypedPointsWithDefaults() {
    Topology t = valid(pairWithModbus(GOOD));
    ModbusBinding b = ModbusBinding.of(t.root().plc());
    assertThat(b.host()).isEqualTo("10.0.0.9");
    assertThat(b.port()).isEqualTo(1502);
    assertThat(b.unit()).isEqualTo(1);
    assertThat(b.poll()).isEqualTo(Duration.ofMillis(200));
    assertThat(b.lifeSignRegister()).isEqualTo(OptionalInt.of(100));
    assertThat(b.lifeSignInterval()).isEqualTo(Duration.ofMillis(250));
    assertThat(b.points())
        .containsExactly(
            new ModbusPoint(
                "air/co_ppm",
                ModbusPoint.Table.INPUT,
                0,
                ModbusPoint.Type.UINT16,
                0.1,
                ModbusPoint.Access.READ),
            new ModbusPoint(
                "fan1/setpoint_pct",
                ModbusPoint.Table.HOLDING,
                0,
                ModbusPoint.Type.INT32,
                1,
                ModbusPoint.Access.READ_WRITE),
            new ModbusPoint(
                "fan1/run",
                ModbusPoint.Table.COIL,
                0,
                ModbusPoint.Type.BOOL,
                1,
                ModbusPoint.Access.WRITE));
  }

  @Test
  void writingAModbusBindingLoadsBackToTheSameModel() {
    Topology t = valid(pairWithModbus(GOOD));
    String text = TopologyWriter.write(t);
    assertThat(text).contains("life_sign: {register: 100, interval: 250ms}");
    Topologies.assertSameModel(valid(text), t);
    assertThat(TopologyWriter.write(valid(text))).isEqualTo(text);
  }

  @Test
  void aPairWithoutLifeSignIsRejectedBecauseThePassiveCouldNotTellACutLinkFromADeadPeer() {
    assertProblem(
        onlyProblem(pairWithModbus("host: 10.0.0.9\n")),
        8,
        5,
        "pair root has a modbus PLC without life_sign.register");
  }

  @Test
  void modbusWithoutHostIsReported() {
    assertProblem(
        onlyProblem(pairWithModbus("life_sign: {register: 1}\n")),
        8,
        5,
        "the modbus plc of root has no 'host'");
  }

  @Test
  void badParametersNameTheirPlaceAndTheirRange() {
    List<Problem> ps =
        load(pairWithModbus(
                "host: 10.0.0.9\nport: 70000\nunit: 300\npoll: 5ms\n"
                    + "life_sign: {register: -1, interval: soon}\n"))
            .problems();
    assertThat(ps).hasSize(5);
    assertProblem(ps.get(0), 10, 11, "port '70000' of root must be a whole number from 1 to 65535");
    assertProblem(ps.get(1), 11, 11, "unit '300' of root must be a whole number from 0 to 255");
    assertProblem(ps.get(2), 12, 11, "poll '5ms' of root must be a duration from 10ms to 1m");
    assertProblem(ps.get(3), 13, 27, "life_sign.register '-1' of root must be a register address");
    assertProblem(ps.get(4), 13, 41, "life_sign.interval 'soon' of root must be a duration");
  }

  @Test
  void unknownLifeSignFieldIsAnUnknownParameter() {
    assertProblem(
        onlyProblem(pairWithModbus("host: 10.0.0.9\nlife_sign: {register: 1, every: 1s}\n")),
        10,
        37,
        "unknown parameter 'life_sign.every' for a modbus PLC");
  }

  @Test
  void pointProblemsStandAtTheirField() {
    List<Problem> ps =
        load(pairWithModbus(
                """
                    host: 10.0.0.9
                    life_sign: {register: 5}
                    points:
                      - {key: a/b, table: input, address: 1, access: write}
                      - {key: 'bad key', table: holding, address: 2}
                      - {key: c, table: coils, address: 3}
                      - {key: d, table: coil, address: 3, type: int16}
                      - {key: e, table: holding, address: 99999}
                      - {key: f, table: holding, address: 4, type: float32}
                      - {key: f, table: holding, address: 10}
                      - {key: g, table: holding, address: 0, scale: 0}
                      - {kye: h, table: holding, address: 20}
                    """))
            .problems();
    assertThat(ps)
        .extracting(Problem::line)
        .containsExactly(12, 13, 14, 15, 16, 17, 18, 19, 20, 20);
    assertProblem(ps.get(0), 12, 54, "point 1 of the plc of root is in the input table, which is");
    assertProblem(ps.get(1), 13, 15, "key 'bad key' of point 2 of the plc of root is not valid");
    assertProblem(ps.get(2), 14, 25, "table 'coils' of point 3 of the plc of root must be one of");
    assertProblem(
        ps.get(3), 15, 49, "type 'int16' of point 4 of the plc of root does not fit a coil");
    assertProblem(
        ps.get(4), 16, 43, "address '99999' of point 5 of the plc of root must be a whole");
    assertProblem(
        ps.get(5), 17, 43, "point 6 of the plc of root uses holding register 5, which is");
    assertProblem(ps.get(6), 18, 15, "key 'f' of point 7 of the plc of root is already mapped by");
    assertProblem(ps.get(7), 19, 53, "scale '0' of point 8 of the plc of root must be a number");
    assertThat(ps.subList(8, 10))
        .extracting(Problem::message)
        .anySatisfy(m -> assertThat(m).contains("unknown field 'kye'", "did you mean 'key'?"))
        .anySatisfy(m -> assertThat(m).isEqualTo("point 9 of the plc of root has no 'key'"));
  }

  @Test
  void overlappingRegistersAreReported() {
    assertProblem(
        onlyProblem(
            pairWithModbus(
                """
                host: 10.0.0.9
                life_sign: {register: 100}
                points:
                  - {key: a, table: holding, address: 0, type: float32}
                  - {key: b, table: holding, address: 1}
                """)),
        13,
        43,
        "point 2 of the plc of root overlaps point 1 in the holding table");
  }

  @Test
  void aSimulatorHasNoPoints() {
    assertThat(
            onlyProblem(
                    Topologies.rootWithChild(
                        "- id: root.a\n  host: 10.0.0.2\n  port: 7000\n  plc:\n    kind: simulator\n"
                            + "    points: [{key: a, table: coil, address: 0}]"))
                .message())
        .isEqualTo("a simulator PLC has no points: it brings its own (root.a)");
  }

  @Test
  void localMappingMapsThePlcHostAfterEveryStation() {
    HostMapping local =
        HostMapping.local(
            valid(pairWithModbus("host: plc.site.example\nlife_sign: {register: 1}\n")));
    assertThat(local.entries())
        .containsOnly(
            Map.entry("10.0.0.1", "127.0.0.2"),
            Map.entry("10.0.0.2", "127.0.0.3"),
            Map.entry("plc.site.example", "127.0.0.4"));
    assertThat(local.map("PLC.site.example")).isEqualTo("127.0.0.4");
  }
}
