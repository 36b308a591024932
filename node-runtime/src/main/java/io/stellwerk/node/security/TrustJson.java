package io.stellwerk.node.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * A trust entry as the management socket carries it:
 *
 * <pre>
 * {"fingerprint":"SHA256:...","publicKey":"Z85","state":"pending","identity":"root.s1"|null,
 *  "role":"child"|null,"firstSeen":"ISO-8601","lastSeen":"ISO-8601","source":"127.0.0.1:4711"|null,
 *  "requested":"child"|null,"knocks":3,"note":"..."|null}
 * </pre>
 */
public final class TrustJson {

  private TrustJson() {}

  /** The JSON form of an entry. */
  public static ObjectNode of(TrustEntry e) {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    n.put("fingerprint", e.fingerprint().toString());
    n.put("publicKey", e.cert().publicZ85());
    n.put("state", e.state().label());
    n.put("identity", e.identity());
    n.put("role", e.role() == null ? null : e.role().label());
    n.put("firstSeen", e.firstSeen() == null ? null : e.firstSeen().toString());
    n.put("lastSeen", e.lastSeen() == null ? null : e.lastSeen().toString());
    n.put("source", e.source());
    n.put("requested", e.requested());
    n.put("knocks", e.knocks());
    n.put("note", e.note());
    return n;
  }

  /** The fields a view shows, read back from {@link #of}. */
  public record Row(
      String fingerprint,
      String state,
      String identity,
      String role,
      Instant firstSeen,
      Instant lastSeen,
      String source,
      String requested,
      long knocks,
      String note) {}

  /** Reads a row from the JSON form. */
  public static Row row(JsonNode n) {
    return new Row(
        n.path("fingerprint").asText(),
        n.path("state").asText(),
        text(n, "identity"),
        text(n, "role"),
        instant(n, "firstSeen"),
        instant(n, "lastSeen"),
        text(n, "source"),
        text(n, "requested"),
        n.path("knocks").asLong(),
        text(n, "note"));
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static Instant instant(JsonNode n, String field) {
    String t = text(n, field);
    return t == null ? null : Instant.parse(t);
  }
}
