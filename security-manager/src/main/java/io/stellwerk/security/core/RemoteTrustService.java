package io.stellwerk.security.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stellwerk.node.management.ManagementClient;
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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The trust store of a running station, reached through its management socket ({@code trust.*}
 * requests, CURVE with the workstation's key). A decision is made by the station itself, so it
 * counts at the next handshake and a revoke cuts the key's live connections.
 */
public final class RemoteTrustService implements TrustService {

  /** How long one request may take before it is reported as unanswered. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

  private static final ObjectMapper JSON = new ObjectMapper();

  // Beyond the client's own timeout, before a call is taken for stuck.
  private static final long GRACE_MS = 2000;

  private final Supplier<ManagementClient> clients;
  private final String endpoint;
  private final String station;
  private final Duration timeout;
  private ManagementClient client;
  private ExecutorService caller;

  /**
   * A service over clients made by {@code clients}; it closes the one in use when closed.
   *
   * @param endpoint the station's management endpoint ({@code tcp://host:port})
   * @param station the station id, as the workstation knows its key ({@code root[primary]})
   */
  public RemoteTrustService(
      Supplier<ManagementClient> clients, String endpoint, String station, Duration timeout) {
    this.clients = clients;
    this.endpoint = endpoint;
    this.station = station;
    this.timeout = timeout;
    this.client = clients.get();
    this.caller = callerThread();
  }

  private static ExecutorService callerThread() {
    return Executors.newSingleThreadExecutor(
        r -> {
          Thread t = new Thread(r, "trust-service-call");
          t.setDaemon(true);
          return t;
        });
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
    Supplier<ManagementClient> clients;
    if (keysDir == null) {
      clients = ManagementClient::new;
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
      clients = () -> new ManagementClient(ws);
    }
    return new RemoteTrustService(clients, endpoint, station.toString(), DEFAULT_TIMEOUT);
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
  public synchronized void close() {
    caller.shutdown();
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

  /*
   * Each call runs on a thread of its own and is given up after the client's timeout and a grace:
   * ManagementClient's send blocks without limit when the station refused this workstation's key
   * (a DEALER whose only connection was closed by the ZAP denial), and the workbench must show an
   * error, not wait forever. A given-up client stays blocked and is left behind; the next call uses
   * a new one.
   */
  private synchronized JsonNode call(ObjectNode request, boolean readOnly) {
    ManagementClient c = client;
    Future<JsonNode> answer =
        caller.submit(
            () ->
                readOnly
                    ? c.query(endpoint, station, request.toString(), timeout)
                    : c.request(endpoint, station, request.toString(), timeout));
    try {
      return answer.get(timeout.toMillis() + GRACE_MS, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      caller.shutdown();
      caller = callerThread();
      client = clients.get();
      throw new TrustServiceException(
          station
              + ": no answer from "
              + endpoint
              + " within "
              + timeout.toMillis()
              + " ms: is it running, and does it trust this workstation's key?");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      throw new TrustServiceException(
          station + ": " + (cause.getMessage() == null ? cause.toString() : cause.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TrustServiceException(station + ": interrupted while waiting for an answer");
    }
  }
}
