package io.stellwerk.node.wire;

import io.stellwerk.node.dim.Entry;
import java.util.List;

/**
 * A run of one owner's entries as its owner station sent it: the encoded entries, the station that
 * signed them and its Ed25519 signature over them (empty when the federation runs without
 * security). Relays forward a batch byte for byte, so every receiver can check that the owner wrote
 * it, however many stations it passed; a relay that alters one byte breaks the signature. Equality
 * is identity: a station holds each batch it received once, however many keys refer to it.
 */
public final class SignedBatch {

  private final String signer;
  private final byte[] body;
  private final byte[] signature;
  private final List<Entry> entries;

  /**
   * A batch as received or as signed.
   *
   * @param signer the owner station ({@code root.s1}, {@code root[backup]})
   * @param body the entries, encoded as {@link Codec#entries(List)} writes them
   * @param signature the signer's signature over {@code body}, or empty
   * @param entries {@code body} decoded
   */
  public SignedBatch(String signer, byte[] body, byte[] signature, List<Entry> entries) {
    this.signer = signer;
    this.body = body;
    this.signature = signature;
    this.entries = entries;
  }

  /** A batch of entries that is not signed (a federation running {@code --insecure}). */
  public static SignedBatch unsigned(String signer, List<Entry> entries) {
    return new SignedBatch(
        signer, Codec.entries(entries), Codec.NO_SIGNATURE, List.copyOf(entries));
  }

  public String signer() {
    return signer;
  }

  public byte[] body() {
    return body;
  }

  public byte[] signature() {
    return signature;
  }

  public List<Entry> entries() {
    return entries;
  }

  /** Whether the batch carries a signature. */
  public boolean signed() {
    return signature.length > 0;
  }

  /** The number of entries. */
  public int size() {
    return entries.size();
  }
}
