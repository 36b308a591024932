package io.stellwerk.node.security;

import io.stellwerk.node.topology.StationId;
import io.stellwerk.node.topology.Topology;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A station that makes its own keys on its own box (the secret never leaves it) and lays out a
 * bundle {@code run --keys} can use: {@code keys/} with its certificates, {@code trust/} with the
 * neighbours whose public certificates the engineer copied over, {@code signers/} with those and
 * its own. Started, it knocks at its parent and shows there as a pending key until accepted.
 */
public final class StationInit {

  private StationInit() {}

  /**
   * Generates the station's keys under {@code bundle/keys} and trusts the given public
   * certificates, each in the role its station has for this one by the topology. Their owners, and
   * those of the certificates in {@code signerDir} (may be {@code null}), are the signers whose
   * batches it verifies.
   *
   * @throws KeyFileException when a secret exists and {@code force} is off, or a certificate is not
   *     of a neighbour of this station
   */
  public static CurveCert init(
      Topology topology,
      StationId station,
      Path bundle,
      List<Path> trusted,
      Path signerDir,
      boolean force) {
    Map<String, TrustRole> roles = Bundles.trusted(topology, station);
    // Check every certificate before writing anything.
    List<CurveCert> certs = trusted.stream().map(CertFiles::readPublic).toList();
    List<CurveCert> signerCerts = new ArrayList<>();
    if (signerDir != null) {
      for (Path f : publicCertificates(signerDir)) {
        CurveCert c = CertFiles.readPublic(f);
        String name = c.meta("name").orElse(null);
        if (name == null || StationId.parse(name).isEmpty()) {
          throw new KeyFileException(f + " is not the public certificate of a station");
        }
        if (!name.equals(station.toString())) {
          signerCerts.add(c);
        }
      }
    }
    for (int i = 0; i < certs.size(); i++) {
      String name = certs.get(i).meta("name").orElse(null);
      if (name == null || !roles.containsKey(name)) {
        throw new KeyFileException(
            trusted.get(i)
                + " is the certificate of "
                + (name == null ? "an unnamed key" : name)
                + ", which is not a parent, child or peer of "
                + station);
      }
    }
    CurveCert own =
        KeyFiles.generateStation(bundle.resolve("keys"), station, topology.federation(), force);
    TrustStore store = TrustStore.open(bundle.resolve("trust"));
    Path signers = bundle.resolve("signers");
    CertFiles.write(KeyFiles.publicFile(signers, station), own.publicOnly());
    for (CurveCert c : signerCerts) {
      CertFiles.write(
          KeyFiles.publicFile(signers, StationId.parse(c.meta("name").orElseThrow()).orElseThrow()),
          c.publicOnly());
    }
    for (CurveCert c : certs) {
      String name = c.meta("name").orElseThrow();
      store.trust(c, name, roles.get(name), "init");
      CertFiles.write(
          KeyFiles.publicFile(signers, StationId.parse(name).orElseThrow()), c.publicOnly());
    }
    return own;
  }

  /** The public certificate files of a directory (secret files are skipped, never read). */
  private static List<Path> publicCertificates(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isRegularFile)
          .filter(f -> !f.getFileName().toString().endsWith("_secret"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new KeyFileException("cannot read signer directory " + dir + ": " + e.getMessage());
    }
  }
}
