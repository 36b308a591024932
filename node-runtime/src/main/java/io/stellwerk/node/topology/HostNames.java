package io.stellwerk.node.topology;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Checks the hosts a topology names: an IPv4 address or a DNS host name. No lookups. */
public final class HostNames {

  private static final Pattern LABEL =
      Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
  private static final Pattern DOTTED_NUMBERS = Pattern.compile("[0-9.]+");

  private HostNames() {}

  /** Why the host can't be used, or empty when it is a valid address or host name. */
  public static Optional<String> problem(String host) {
    if (host == null || host.isBlank()) {
      return Optional.of("host is empty");
    }
    if (DOTTED_NUMBERS.matcher(host).matches()) {
      return ipv4Problem(host);
    }
    if (host.length() > 253) {
      return Optional.of("host name '" + abbreviate(host) + "' is longer than 253 characters");
    }
    String[] labels = host.split("\\.", -1);
    for (String label : labels) {
      if (!LABEL.matcher(label).matches()) {
        return Optional.of(
            "host '"
                + abbreviate(host)
                + "' is neither an IPv4 address nor a valid host name (letters, digits and"
                + " hyphens between dots)");
      }
    }
    return Optional.empty();
  }

  private static Optional<String> ipv4Problem(String host) {
    String[] parts = host.split("\\.", -1);
    if (parts.length != 4) {
      return Optional.of("host '" + host + "' is not an IPv4 address (it needs four numbers)");
    }
    int[] octets = new int[4];
    for (int i = 0; i < 4; i++) {
      if (parts[i].isEmpty() || parts[i].length() > 3 || Integer.parseInt(parts[i]) > 255) {
        return Optional.of("host '" + host + "' is not an IPv4 address (numbers go from 0 to 255)");
      }
      octets[i] = Integer.parseInt(parts[i]);
    }
    if (octets[0] == 0) {
      return Optional.of("host '" + host + "' is not an address other nodes can connect to");
    }
    if (octets[0] >= 224) {
      return Optional.of("host '" + host + "' is a multicast or reserved address");
    }
    return Optional.empty();
  }

  /** Whether the host is on the loopback network (127.0.0.0/8 or {@code localhost}). */
  public static boolean isLoopback(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    return h.equals("localhost") || (h.startsWith("127.") && ipv4Problem(h).isEmpty());
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 37) + "...";
  }
}
