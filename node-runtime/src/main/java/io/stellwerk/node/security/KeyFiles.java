package io.stellwerk.node.security;

import io.stellwerk.node.topology.StationId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a station's or a workstation's key files live and how they are made and loaded. A station
 * {@code root.s1} has {@code root.s1} and {@code root.s1_secret}; a pair peer {@code root[primary]}
 * has {@code root@primary} (brackets are awkward in shells, and {@code @} never occurs in a node
 * id); a workstation {@code eng} has {@code eng} in its own directory.
 */
public final class KeyFiles {

  /** Metadata {@code role} of a station's certificate. */
  public static final String ROLE_STATION = "station";

  /** Metadata {@code role} of a workstation's certificate. */
  public static final String ROLE_WORKSTATION = "workstation";

  private KeyFiles() {}

  /** The base file name of a station's certificates. */
  public static String fileBase(StationId station) {
    return station.isPeer() ? station.nodeId() + "@" + station.role().label() : station.nodeId();
  }

  /** The public certificate file of a station in a directory. */
  public static Path publicFile(Path dir, StationId station) {
    return dir.resolve(fileBase(station));
  }

  /**
   * Generates and writes a station's CURVE and Ed25519 keys; refuses to replace an existing secret
   * unless {@code force}, because a replaced key locks the station out of every peer that trusts
   * the old one.
   */
  public static CurveCert generateStation(
      Path dir, StationId station, String federation, boolean force) {
    return generate(publicFile(dir, station), station.toString(), ROLE_STATION, federation, force);
  }

  /** Generates and writes a workstation's keys (same rules as for a station). */
  public static CurveCert generateWorkstation(
      Path dir, String name, String federation, boolean force) {
    return generate(dir.resolve(name), name, ROLE_WORKSTATION, federation, force);
  }

  private static CurveCert generate(
      Path publicFile, String name, String role, String federation, boolean force) {
    if (!force && CertFiles.secretExists(publicFile)) {
      throw new KeyFileException(
          "refusing to overwrite the secret key "
              + CertFiles.secretFileOf(publicFile)
              + " (use --force to replace it)");
    }
    Map<String, String> meta = new LinkedHashMap<>();
    meta.put("name", name);
    meta.put("role", role);
    meta.put("federation", federation);
    meta.put("created", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    CurveCert cert = CurveCert.generate(meta, true);
    CertFiles.write(publicFile, cert);
    return cert;
  }

  /**
   * A station's own keys from {@code dir}, as {@code run} needs them: the secret certificate must
   * exist, be private to its owner, name this station and hold both secrets. Every failure is one
   * line naming the file.
   */
  public static StationKeys loadStationKeys(Path dir, StationId station) {
    Path pub = publicFile(dir, station);
    Path secret = CertFiles.secretFileOf(pub);
    if (!Files.exists(secret)) {
      throw new KeyFileException(
          "no secret key for "
              + station
              + ": "
              + secret
              + " does not exist (create it with 'stellwerk-node keys init')");
    }
    CurveCert cert = CertFiles.readSecret(secret);
    String name = cert.meta("name").orElse(station.toString());
    if (!name.equals(station.toString())) {
      throw new KeyFileException(secret + " belongs to " + name + ", not to " + station);
    }
    if (cert.ed25519Secret() == null || cert.signingPublicKey().isEmpty()) {
      throw new KeyFileException(secret + " has no Ed25519 signing key (section ed25519)");
    }
    return new StationKeys(station, cert);
  }
}
