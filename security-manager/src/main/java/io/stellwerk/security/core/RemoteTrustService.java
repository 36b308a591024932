package io.stellwerk.security.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stellwerk.node.management.ManagementClient;
import io.stellwerk.node.management.ManagementClient.ManagementException;
import io.stellwerk.node.security.KeyFileException;
import io.stellwerk.node.security.TrustJson;
import io.stellwerk.node.security.TrustRole;
import io.stellwerk.node.security.Workstation;
import io.stellwerk.node.topology.EndpointPlan;
import io.stellwerk.node.topology.HostMapping;
import io.stellwerk.node.topology.StationId;
import io.stellwerk.node.topology.Topology;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The trust store of a running station, reached through its management socket ({@code trust.*}
 * requests, CURVE with the workstation's key). A decision is made by the station itself, so it
 * counts at the next handshake and a revoke cuts the key's live connections.
 */
public final class RemoteTrustService implements TrustService {

  /** How long one request may take before it is reported as unanswered. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ManagementClient client;
  private final String endpoint;
  private final String station;
  private final Duration timeout;

  /**
   * A service over {@code client}, which it closes when closed.
   *
   * @param endpoint the station's management endpoint ({@code tcp://host:port})
   * @param station the station id, as the workstation knows its key ({@code root[primary]})
   */
  public RemoteTrustService(
      ManagementClient client, String endpoint, String station, Duration timeout) {
    this.client = client;
    this.endpoint = endpoint;
    this.station = station;
    this.timeout = timeout;
  }

  /**
   * Connects to a station of a topology: its management endpoint from the topology's port plan and
   * {@code hosts}; CURVE with the workstation {@code workstation} of {@code keysDir} (as {@code
   * keys generate} wrote it), or plain text for an {@code --insecure} station when {@code keysDir}
   * is {@code null}. Nothing is sent until the first call.
   *
   * @throws TrustServiceException when the workstation key cannot be loaded or the workstation
   *     holds no key for the station
   */
  public static RemoteTrustService connect(
      Topology topology, StationId station, HostMapping hosts, Path keysDir, String workstation) {
    String endpoint = new EndpointPlan(topology, hosts).management(station).uri();
    ManagementClient client;
    if (keysDir == null) {
      client = new ManagementClient();
    } else {
      Workstation ws;
      try {
        ws = Workstation.load(keysDir, workstation);
      } catch (KeyFileException e) {
        throw new TrustServiceException(e.getMessage());
      }
      if (ws.keyOf(station).isEmpty()) {
        throw new TrustServiceException(
            "the key directory "
                + keysDir
                + " has no public key of "
                + station
                + " (generate or import the keys of this topology)");
      }
      client = new ManagementClient(ws);
    }
    return new RemoteTrustService(client, endpoint, station.toString(), DEFAULT_TIMEOUT);
  }

  @Override
  public String describe() {
    return station + " at " + endpoint;
  }

  @Override
  public List<TrustJson.Row> list() {
    JsonNode answer = call(op("trust.list"), true);
    List<TrustJson.Row> rows = new ArrayList<>();
    answer.path("entries").forEach(n -> rows.add(TrustJson.row(n)));
    return rows;
  }

  @Override
  public TrustJson.Row accept(
      String fingerprint, String identity, TrustRole role, boolean replace) {
    ObjectNode req = op("trust.accept").put("fingerprint", fingerprint).put("replace", replace);
    if (identity != null) {
      req.put("identity", identity);
    }
    if (role != null) {
      req.put("role", role.label());
    }
    return entry(call(req, false));
  }

  @Override
  public TrustJson.Row reject(String fingerprint) {
    return entry(call(op("trust.reject").put("fingerprint", fingerprint), false));
  }

  @Override
  public TrustJson.Row revoke(String fingerprint) {
    return entry(call(op("trust.revoke").put("fingerprint", fingerprint), false));
  }

  @Override
  public void close() {
    client.close();
  }

  private static ObjectNode op(String name) {
    return JSON.createObjectNode().put("op", name);
  }

  private TrustJson.Row entry(JsonNode answer) {
    JsonNode e = answer.get("entry");
    if (e == null || !e.isObject()) {
      throw new TrustServiceException(station + " answered without the changed entry");
    }
    return TrustJson.row(e);
  }

  private JsonNode call(ObjectNode request, boolean readOnly) {
    try {
      return readOnly
          ? client.query(endpoint, station, request.toString(), timeout)
          : client.request(endpoint, station, request.toString(), timeout);
    } catch (ManagementException e) {
      throw new TrustServiceException(station + ": " + e.getMessage());
    }
  }
}
