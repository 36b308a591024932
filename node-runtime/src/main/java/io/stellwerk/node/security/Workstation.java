package io.stellwerk.node.security;

import io.stellwerk.node.topology.StationId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What an engineering workstation needs to talk to stations' management sockets: its own secret
 * certificate and the public keys of the stations it manages. Loaded from the key directory that
 * {@code keys generate} writes ({@code DIR/workstations/NAME_secret}, {@code DIR/stations/*}).
 *
 * @param name the workstation's name ({@code engineering})
 * @param cert its secret certificate
 * @param stationKeys each station's CURVE public key, by station id ({@code root[primary]})
 */
public record Workstation(String name, CurveCert cert, Map<String, byte[]> stationKeys) {

  /** The default workstation name of {@code keys generate}. */
  public static final String DEFAULT_NAME = "engineering";

  public Workstation {
    stationKeys = Map.copyOf(stationKeys);
  }

  /**
   * Loads a workstation from a key directory. Every failure is one line naming the file.
   *
   * @throws KeyFileException when the secret file is missing, too open or malformed
   */
  public static Workstation load(Path keysDir, String name) {
    Path secret = CertFiles.secretFileOf(keysDir.resolve("workstations").resolve(name));
    if (!Files.exists(secret)) {
      throw new KeyFileException(
          "no workstation key: "
              + secret
              + " does not exist (create keys with 'stellwerk-node keys generate')");
    }
    CurveCert cert = CertFiles.readSecret(secret);
    Map<String, byte[]> keys = new HashMap<>();
    Path stations = keysDir.resolve("stations");
    if (Files.isDirectory(stations)) {
      try (Stream<Path> files = Files.list(stations)) {
        for (Path f : (Iterable<Path>) files::iterator) {
          String file = f.getFileName().toString();
          if (file.endsWith(CertFiles.SECRET_SUFFIX) || file.startsWith(".")) {
            continue;
          }
          CurveCert c = CertFiles.readPublic(f);
          String fallback = file.contains("@") ? file.replace('@', '[') + "]" : file;
          keys.put(c.meta("name").orElse(fallback), c.publicKey());
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list " + stations, e);
      }
    }
    return new Workstation(name, cert, keys);
  }

  /** The station's public key, if this workstation knows it. */
  public Optional<byte[]> keyOf(StationId station) {
    return Optional.ofNullable(stationKeys.get(station.toString()));
  }

  /** The identity stations know this workstation by ({@code workstation:NAME}). */
  public String identity() {
    return Bundles.workstationIdentity(name);
  }
}
