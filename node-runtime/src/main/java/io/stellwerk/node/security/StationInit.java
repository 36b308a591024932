package io.stellwerk.node.security;

import io.stellwerk.node.topology.StationId;
import io.stellwerk.node.topology.Topology;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

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
   * certificates, each in the role its station has for this one by the topology.
   *
   * @throws KeyFileException when a secret exists and {@code force} is off, or a certificate is not
   *     of a neighbour of this station
   */
  public static CurveCert init(
      Topology topology, StationId station, Path bundle, List<Path> trusted, boolean force) {
    Map<String, TrustRole> roles = Bundles.trusted(topology, station);
    // Check every certificate before writing anything.
    List<CurveCert> certs = trusted.stream().map(CertFiles::readPublic).toList();
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
    for (CurveCert c : certs) {
      String name = c.meta("name").orElseThrow();
      store.trust(c, name, roles.get(name), "init");
      CertFiles.write(
          KeyFiles.publicFile(signers, StationId.parse(name).orElseThrow()), c.publicOnly());
    }
    return own;
  }
}
