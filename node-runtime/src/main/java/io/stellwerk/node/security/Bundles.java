package io.stellwerk.node.security;

import io.stellwerk.node.topology.StationId;
import io.stellwerk.node.topology.Topology;
import io.stellwerk.node.topology.TopologyNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Generates the keys of a whole federation and one bundle per station, as the commissioning
 * engineer ships them:
 *
 * <pre>
 * OUT/stations/NAME, NAME_secret           every station's certificates
 * OUT/workstations/WS, WS_secret           the engineering workstation's
 * OUT/bundles/NAME/keys/NAME, NAME_secret  the station's own certificates
 * OUT/bundles/NAME/trust/                  its trust store: parent stations, child stations,
 *                                          its HA peer and the workstation, each accepted
 * OUT/bundles/NAME/signers/                every station's public certificate (Ed25519 keys to
 *                                          verify batches relayed from anywhere in the tree)
 * OUT/bundles/NAME/topology.yaml           the topology
 * </pre>
 *
 * Nothing is written when a secret exists and {@code force} is off.
 */
public final class Bundles {

  /** What was generated: each station's and the workstation's fingerprint. */
  public record Result(Map<String, Fingerprint> fingerprints, Path out) {}

  private Bundles() {}

  /**
   * Follows a generation step by step and may stop it. Steps are one per station key, one for the
   * workstation key and one per bundle; {@link #cancelled()} is asked before each.
   */
  public interface Progress {
    /** No reports, never cancelled. */
    Progress NONE =
        new Progress() {
          @Override
          public void step(int done, int total, String what) {}

          @Override
          public boolean cancelled() {
            return false;
          }
        };

    /** {@code done} of {@code total} steps are finished; {@code what} names the last one. */
    void step(int done, int total, String what);

    /** Whether to stop before the next step. */
    boolean cancelled();
  }

  /** Thrown when {@link Progress#cancelled()} stopped a generation between two steps. */
  public static final class Cancelled extends RuntimeException {
    Cancelled(String message) {
      super(message, null, false, false);
    }
  }

  /** Generates everything under {@code out} for the topology read from {@code topologyFile}. */
  public static Result generate(
      Topology topology, Path topologyFile, Path out, String workstation, boolean force) {
    return generate(topology, topologyFile, out, workstation, force, Progress.NONE);
  }

  /**
   * As {@link #generate(Topology, Path, Path, String, boolean)}, reporting each step and stopping
   * between steps when {@code progress} says so. A stopped run leaves what it wrote so far; the
   * caller decides whether to remove it.
   *
   * @throws Cancelled when stopped
   */
  public static Result generate(
      Topology topology,
      Path topologyFile,
      Path out,
      String workstation,
      boolean force,
      Progress progress) {
    Path stationsDir = out.resolve("stations");
    Path wsDir = out.resolve("workstations");
    if (!force) {
      List<Path> secrets = new ArrayList<>();
      for (StationId s : topology.stations()) {
        secrets.add(CertFiles.secretFileOf(KeyFiles.publicFile(stationsDir, s)));
      }
      secrets.add(CertFiles.secretFileOf(wsDir.resolve(workstation)));
      for (Path p : secrets) {
        if (Files.exists(p)) {
          throw new KeyFileException(
              "refusing to overwrite the secret key " + p + " (use --force to replace all keys)");
        }
      }
    }
    Map<String, CurveCert> certs = new LinkedHashMap<>();
    Map<String, Fingerprint> fps = new LinkedHashMap<>();
    String federation = topology.federation();
    int total = topology.stations().size() * 2 + 1;
    int done = 0;
    for (StationId s : topology.stations()) {
      checkCancelled(progress, done, total);
      CurveCert c = KeyFiles.generateStation(stationsDir, s, federation, true);
      certs.put(s.toString(), c);
      fps.put(s.toString(), c.fingerprint());
      progress.step(++done, total, "key of " + s);
    }
    checkCancelled(progress, done, total);
    CurveCert ws = KeyFiles.generateWorkstation(wsDir, workstation, federation, true);
    fps.put(workstationIdentity(workstation), ws.fingerprint());
    progress.step(++done, total, "key of workstation " + workstation);
    for (StationId s : topology.stations()) {
      checkCancelled(progress, done, total);
      writeBundle(topology, topologyFile, out, s, certs, workstation, ws);
      progress.step(++done, total, "bundle of " + s);
    }
    return new Result(fps, out);
  }

  private static void checkCancelled(Progress progress, int done, int total) {
    if (progress.cancelled()) {
      throw new Cancelled("key generation cancelled after " + done + " of " + total + " steps");
    }
  }

  /** The identity a workstation's key is bound to in trust stores. */
  public static String workstationIdentity(String name) {
    return "workstation:" + name;
  }

  private static void writeBundle(
      Topology t,
      Path topologyFile,
      Path out,
      StationId s,
      Map<String, CurveCert> certs,
      String wsName,
      CurveCert ws) {
    Path b = out.resolve("bundles").resolve(KeyFiles.fileBase(s));
    CertFiles.write(KeyFiles.publicFile(b.resolve("keys"), s), certs.get(s.toString()));
    Path trust = b.resolve("trust");
    deleteEntries(trust);
    TrustStore store = TrustStore.open(trust);
    trusted(t, s).forEach((id, role) -> store.trust(certs.get(id), id, role, "bundle"));
    store.trust(ws, workstationIdentity(wsName), TrustRole.WORKSTATION, "bundle");
    for (StationId other : t.stations()) {
      CertFiles.writePublicCopy(
          KeyFiles.publicFile(b.resolve("signers"), other), certs.get(other.toString()));
    }
    try {
      Files.copy(
          topologyFile,
          b.resolve("topology.yaml"),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new KeyFileException(
          "cannot copy " + topologyFile + " into " + b + ": " + e.getMessage());
    }
  }

  /** The stations a station trusts, with the role each has for it (workstations aside). */
  public static Map<String, TrustRole> trusted(Topology t, StationId s) {
    Map<String, TrustRole> out = new LinkedHashMap<>();
    t.parent(s.nodeId())
        .ifPresent(p -> p.stations().forEach(ps -> out.put(ps.toString(), TrustRole.PARENT)));
    for (TopologyNode child : t.require(s.nodeId()).children()) {
      child.stations().forEach(cs -> out.put(cs.toString(), TrustRole.CHILD));
    }
    if (s.isPeer()) {
      out.put(s.otherPeer().toString(), TrustRole.PEER);
    }
    return out;
  }

  // A regenerated bundle trusts the new keys only; stale entries would otherwise be conflicts.
  private static void deleteEntries(Path trust) {
    if (!Files.isDirectory(trust)) {
      return;
    }
    try (var files = Files.list(trust)) {
      for (Path f : files.filter(p -> p.toString().endsWith(TrustFiles.SUFFIX)).toList()) {
        Files.delete(f);
      }
    } catch (IOException e) {
      throw new KeyFileException("cannot clear " + trust + ": " + e.getMessage());
    }
  }
}
