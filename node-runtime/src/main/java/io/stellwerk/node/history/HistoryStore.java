package io.stellwerk.node.history;

import io.stellwerk.node.history.HistoryException.Reason;
import io.stellwerk.node.wire.MalformedFrameException;
import io.stellwerk.node.wire.WireWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.lmdbjava.Cursor;
import org.lmdbjava.Dbi;
import org.lmdbjava.DbiFlags;
import org.lmdbjava.Env;
import org.lmdbjava.EnvFlags;
import org.lmdbjava.GetOp;
import org.lmdbjava.LmdbException;
import org.lmdbjava.LmdbNativeException;
import org.lmdbjava.PutFlags;
import org.lmdbjava.Stat;
import org.lmdbjava.Txn;

/**
 * A station's history in one LMDB environment ({@code DIR/history}): records keyed by (owner,
 * timestamp, sequence), per-owner bookkeeping (newest position, counts, pruned range) and the
 * format version. Writing a record that is already there changes nothing, so applying a record
 * twice has no effect. Writes come from one thread (the writer); reads from any thread.
 */
public final class HistoryStore implements AutoCloseable {

  /**
   * The format this program writes; a store of a higher format is refused, never rewritten. Format
   * 2 added the {@code keys} index ({@link KeyIndex}); a format 1 store is migrated when opened.
   */
  public static final int FORMAT = 2;

  /** Records indexed per transaction while a format 1 store is migrated. */
  private static final int MIGRATE_BATCH = 50_000;

  private static final int ENOSPC = 28;

  /** A write that fails with less free space than this on the disk counts as a full disk. */
  private static final long DISK_FULL_BELOW = 4L << 20;

  private static final byte[] FORMAT_KEY = "format".getBytes(StandardCharsets.UTF_8);

  private final Path dir;
  private final long limitBytes;
  private final Env<ByteBuffer> env;
  private final Dbi<ByteBuffer> records;
  private final Dbi<ByteBuffer> owners;
  private final Dbi<ByteBuffer> meta;
  private final Dbi<ByteBuffer> keys;
  private final Map<String, OwnerInfo> ownerInfo = new ConcurrentHashMap<>();
  private final ByteBuffer wkey = ByteBuffer.allocateDirect(512);
  private final ByteBuffer ikey = ByteBuffer.allocateDirect(1024);
  private static final ByteBuffer EMPTY = ByteBuffer.allocateDirect(0);
  private ByteBuffer wval = ByteBuffer.allocateDirect(4096);
  private final WireWriter bodyWriter = new WireWriter(256);
  private String lastKey;
  private byte[] lastKeyPart;
  private final int maxKeySize;

  private HistoryStore(Path dir, long limitBytes, Env<ByteBuffer> env) {
    this.dir = dir;
    this.limitBytes = limitBytes;
    this.env = env;
    this.records = env.openDbi("records", DbiFlags.MDB_CREATE);
    this.owners = env.openDbi("owners", DbiFlags.MDB_CREATE);
    this.meta = env.openDbi("meta", DbiFlags.MDB_CREATE);
    this.keys = env.openDbi("keys", DbiFlags.MDB_CREATE);
    this.maxKeySize = env.getMaxKeySize();
  }

  /**
   * Opens (or creates) the store in {@code dir}.
   *
   * @param limitBytes the most the store may grow to; past it writes fail as {@link Reason#FULL}
   * @throws HistoryException CORRUPT for damaged files, NEWER_FORMAT for a newer store, IO else
   */
  public static HistoryStore open(Path dir, long limitBytes) throws HistoryException {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new HistoryException(
          Reason.IO, "cannot create the history directory " + dir + ": " + e.getMessage(), e);
    }
    Env<ByteBuffer> env;
    try {
      env =
          Env.create()
              .setMapSize(limitBytes)
              .setMaxDbs(4)
              .setMaxReaders(64)
              .open(dir.toFile(), EnvFlags.MDB_NOTLS);
    } catch (LmdbException e) {
      throw new HistoryException(
          e instanceof LmdbNativeException n && n.getResultCode() == ENOSPC
              ? Reason.FULL
              : Reason.CORRUPT,
          "cannot open the history store " + dir + ": " + describe(e),
          e);
    }
    HistoryStore s = null;
    try {
      s = new HistoryStore(dir, limitBytes, env);
      s.checkFormat();
      s.loadOwners();
      return s;
    } catch (HistoryException e) {
      env.close();
      throw e;
    } catch (MalformedFrameException | RuntimeException e) {
      env.close();
      throw new HistoryException(
          Reason.CORRUPT, "the history store " + dir + " is damaged: " + describe(e), e);
    }
  }

  private static String describe(Exception e) {
    String m = e.getMessage();
    return (m == null || m.isBlank()) ? e.getClass().getSimpleName() : m.trim();
  }

  private void checkFormat() throws HistoryException {
    int format;
    try (Txn<ByteBuffer> txn = env.txnWrite()) {
      ByteBuffer k = direct(FORMAT_KEY);
      ByteBuffer v = meta.get(txn, k);
      if (v == null) {
        ByteBuffer f = ByteBuffer.allocateDirect(4).putInt(FORMAT).flip();
        meta.put(txn, k, f);
        txn.commit();
        return;
      }
      format = v.getInt(v.position());
      if (format > FORMAT) {
        throw new HistoryException(
            Reason.NEWER_FORMAT,
            "the history store "
                + dir
                + " has format "
                + format
                + ", newer than "
                + FORMAT
                + " which this version reads: upgrade stellwerk-node or move the store away",
            null);
      }
    }
    if (format == 1) {
      try {
        migrateFrom1();
      } catch (LmdbException e) {
        HistoryException cause = writeFailure(e);
        throw new HistoryException(
            cause.reason(),
            "cannot migrate the history store "
                + dir
                + " from format 1 to "
                + FORMAT
                + " (it stays at format 1): "
                + cause.getMessage(),
            e);
      }
    }
  }

  /**
   * Format 1 had no key index: build it in bounded transactions, then mark the store format 2 in
   * the last one. Interrupted (a crash), the store stays format 1 and the next open starts over;
   * writing an index entry twice changes nothing.
   */
  private void migrateFrom1() {
    ByteBuffer from = null;
    while (true) {
      int n = 0;
      try (Txn<ByteBuffer> txn = env.txnWrite()) {
        try (Cursor<ByteBuffer> c = records.openCursor(txn)) {
          boolean ok = from == null ? c.first() : c.get(from, GetOp.MDB_SET_RANGE);
          for (; ok && n < MIGRATE_BATCH; ok = c.next()) {
            ByteBuffer k = c.key();
            byte[] prefix = new byte[k.remaining() - 16];
            k.duplicate().get(prefix);
            int p = k.position() + prefix.length;
            index(txn, KeyIndex.keyPartOf(c.val()), prefix, k.getLong(p), k.getLong(p + 8));
            from = direct(bytes(k));
            n++;
          }
          if (n < MIGRATE_BATCH) {
            ByteBuffer f = ByteBuffer.allocateDirect(4).putInt(FORMAT).flip();
            meta.put(txn, direct(FORMAT_KEY), f);
          }
        }
        txn.commit();
      }
      if (n < MIGRATE_BATCH) {
        return;
      }
    }
  }

  /** Writes the index entry of a record (skipped if even a shortened key cannot fit LMDB's). */
  private void index(Txn<ByteBuffer> txn, byte[] keyPart, byte[] prefix, long ts, long seq) {
    if (KeyIndex.size(keyPart, prefix) <= maxKeySize) {
      KeyIndex.put(ikey, keyPart, prefix, ts, seq);
      keys.put(txn, ikey, EMPTY);
    }
  }

  private void loadOwners() throws MalformedFrameException {
    try (Txn<ByteBuffer> txn = env.txnRead();
        Cursor<ByteBuffer> c = owners.openCursor(txn)) {
      for (boolean ok = c.first(); ok; ok = c.next()) {
        ownerInfo.put(string(c.key()), decodeOwner(c.val()));
      }
    }
  }

  public Path dir() {
    return dir;
  }

  public long limitBytes() {
    return limitBytes;
  }

  /** Every owner the store holds records of (or has pruned records of). */
  public Map<String, OwnerInfo> owners() {
    return new TreeMap<>(ownerInfo);
  }

  public OwnerInfo owner(String owner) {
    return ownerInfo.getOrDefault(owner, OwnerInfo.EMPTY);
  }

  /**
   * Writes records in one transaction; records already held are skipped.
   *
   * @return the records that were new
   */
  public List<HistoryRecord> append(List<HistoryRecord> batch) throws HistoryException {
    List<HistoryRecord> stored = new ArrayList<>(batch.size());
    Map<String, OwnerTally> changed = new HashMap<>();
    try (Txn<ByteBuffer> txn = env.txnWrite()) {
      OwnerTally t = null;
      for (HistoryRecord r : batch) {
        if (r.ts() < 0 || r.seq() < 0) {
          continue;
        }
        // A batch holds long runs of one owner: look the tally up only when the owner changes.
        if (t == null || !t.owner.equals(r.owner())) {
          t = changed.computeIfAbsent(r.owner(), o -> new OwnerTally(o, owner(o)));
        }
        if (t.prefix.length + 16 > maxKeySize) {
          continue;
        }
        RecordCodec.putKey(wkey, t.prefix, r.ts(), r.seq());
        ByteBuffer body = value(RecordCodec.body(bodyWriter, r));
        int size = body.remaining();
        if (!records.put(txn, wkey, body, PutFlags.MDB_NOOVERWRITE)) {
          continue;
        }
        if (r.kind() != HistoryRecord.Kind.SAMPLE) {
          index(txn, KeyIndex.JOURNAL, t.prefix, r.ts(), r.seq());
        } else {
          if (!r.key().equals(lastKey)) {
            lastKey = r.key();
            lastKeyPart = KeyIndex.keyPart(lastKey);
          }
          index(txn, lastKeyPart, t.prefix, r.ts(), r.seq());
        }
        stored.add(r);
        t.add(r.ts(), r.seq(), t.prefix.length + 16 + size);
      }
      for (OwnerTally o : changed.values()) {
        putOwner(txn, o.owner, o.info());
      }
      txn.commit();
    } catch (LmdbException e) {
      throw writeFailure(e);
    }
    changed.values().forEach(t -> ownerInfo.put(t.owner, t.info()));
    return stored;
  }

  /** An owner's bookkeeping while a batch is written. */
  private static final class OwnerTally {
    final String owner;
    final byte[] prefix;
    final OwnerInfo before;
    Position last;
    long records;
    long bytes;

    OwnerTally(String owner, OwnerInfo before) {
      this.owner = owner;
      this.prefix = RecordCodec.ownerPrefix(owner);
      this.before = before;
      this.last = before.last();
    }

    void add(long ts, long seq, long size) {
      if (ts > last.ts() || (ts == last.ts() && seq > last.seq())) {
        last = new Position(ts, seq);
      }
      records++;
      bytes += size;
    }

    OwnerInfo info() {
      return new OwnerInfo(
          last, before.records() + records, before.bytes() + bytes, before.prunedUpTo());
    }
  }

  private long usableSpace() {
    try {
      return Files.getFileStore(dir).getUsableSpace();
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  private HistoryException writeFailure(LmdbException e) {
    if (e instanceof Env.MapFullException) {
      return new HistoryException(
          Reason.FULL,
          "the history store " + dir + " reached its size limit of " + limitBytes + " bytes",
          e);
    }
    // LMDB reports a short write on a full disk as EIO, so look at the disk itself.
    long free = usableSpace();
    if ((e instanceof LmdbNativeException n && n.getResultCode() == ENOSPC)
        || (free >= 0 && free < DISK_FULL_BELOW)) {
      return new HistoryException(
          Reason.FULL,
          "the disk holding the history store " + dir + " is full (" + free + " bytes free)",
          e);
    }
    if (e instanceof LmdbNativeException.PageCorruptedException
        || e instanceof LmdbNativeException.PageNotFoundException) {
      return new HistoryException(
          Reason.CORRUPT, "the history store " + dir + " is damaged: " + describe(e), e);
    }
    return new HistoryException(
        Reason.IO, "cannot write the history store " + dir + ": " + describe(e), e);
  }

  /** Up to {@code limit} records of an owner after a position, in order. */
  public List<HistoryRecord> after(String owner, Position after, int limit)
      throws HistoryException {
    List<HistoryRecord> out = new ArrayList<>(Math.min(limit, 4096));
    byte[] prefix = RecordCodec.ownerPrefix(owner);
    ByteBuffer k = ByteBuffer.allocateDirect(prefix.length + 16);
    RecordCodec.putKey(k, prefix, after.ts(), after.seq());
    try (Txn<ByteBuffer> txn = env.txnRead();
        Cursor<ByteBuffer> c = records.openCursor(txn)) {
      for (boolean ok = c.get(k, GetOp.MDB_SET_RANGE); ok && out.size() < limit; ok = c.next()) {
        Position p = RecordCodec.positionOf(c.key(), prefix);
        if (p == null) {
          break;
        }
        if (p.isAfter(after)) {
          out.add(RecordCodec.body(owner, p, bytes(c.val())));
        }
      }
    } catch (LmdbException | MalformedFrameException e) {
      throw readFailure(e);
    }
    return out;
  }

  /** Records of an owner with {@code fromTs <= ts <= toTs}, in order, at most {@code limit}. */
  public List<HistoryRecord> range(String owner, long fromTs, long toTs, int limit)
      throws HistoryException {
    List<HistoryRecord> out = new ArrayList<>();
    byte[] prefix = RecordCodec.ownerPrefix(owner);
    ByteBuffer k = ByteBuffer.allocateDirect(prefix.length + 16);
    RecordCodec.putKey(k, prefix, Math.max(0, fromTs), 0);
    try (Txn<ByteBuffer> txn = env.txnRead();
        Cursor<ByteBuffer> c = records.openCursor(txn)) {
      for (boolean ok = c.get(k, GetOp.MDB_SET_RANGE); ok && out.size() < limit; ok = c.next()) {
        Position p = RecordCodec.positionOf(c.key(), prefix);
        if (p == null || p.ts() > toTs) {
          break;
        }
        out.add(RecordCodec.body(owner, p, bytes(c.val())));
      }
    } catch (LmdbException | MalformedFrameException e) {
      throw readFailure(e);
    }
    return out;
  }

  /**
   * Samples of {@code key} recorded by {@code owner} with {@code fromTs <= ts <= toTs}, in order,
   * at most {@code limit}: a walk over the key index, so it reads only those records.
   */
  public List<HistoryRecord> samples(String owner, String key, long fromTs, long toTs, int limit)
      throws HistoryException {
    List<HistoryRecord> out = new ArrayList<>();
    indexed(
        owner,
        KeyIndex.keyPart(key),
        fromTs,
        toTs,
        r -> {
          if (r.kind() == HistoryRecord.Kind.SAMPLE && r.key().equals(key)) {
            out.add(r);
          }
          return out.size() < limit;
        });
    return out;
  }

  /** The journal records (raise, ack, clear, gap) of an owner in a time range, in order. */
  public List<HistoryRecord> journal(String owner, long fromTs, long toTs, int limit)
      throws HistoryException {
    List<HistoryRecord> out = new ArrayList<>();
    if (limit > 0) {
      indexed(owner, KeyIndex.JOURNAL, fromTs, toTs, r -> out.add(r) && out.size() < limit);
    }
    return out;
  }

  /**
   * Visits an owner's journal records from {@code fromTs} on, in order, while {@code visit} returns
   * true.
   */
  public void journal(String owner, long fromTs, java.util.function.Predicate<HistoryRecord> visit)
      throws HistoryException {
    indexed(owner, KeyIndex.JOURNAL, fromTs, Long.MAX_VALUE, visit);
  }

  private void indexed(
      String owner,
      byte[] keyPart,
      long fromTs,
      long toTs,
      java.util.function.Predicate<HistoryRecord> visit)
      throws HistoryException {
    byte[] prefix = RecordCodec.ownerPrefix(owner);
    if (KeyIndex.size(keyPart, prefix) > maxKeySize) {
      return;
    }
    ByteBuffer k = ByteBuffer.allocateDirect(KeyIndex.size(keyPart, prefix));
    KeyIndex.put(k, keyPart, prefix, Math.max(0, fromTs), 0);
    ByteBuffer rk = ByteBuffer.allocateDirect(prefix.length + 16);
    try (Txn<ByteBuffer> txn = env.txnRead();
        Cursor<ByteBuffer> c = keys.openCursor(txn)) {
      for (boolean ok = c.get(k, GetOp.MDB_SET_RANGE); ok; ok = c.next()) {
        Position p = KeyIndex.positionOf(c.key(), keyPart, prefix);
        if (p == null || p.ts() > toTs) {
          break;
        }
        RecordCodec.putKey(rk, prefix, p.ts(), p.seq());
        ByteBuffer v = records.get(txn, rk);
        if (v != null && !visit.test(RecordCodec.body(owner, p, bytes(v)))) {
          break;
        }
      }
    } catch (LmdbException | MalformedFrameException e) {
      throw readFailure(e);
    }
  }

  private HistoryException readFailure(Exception e) {
    return new HistoryException(
        Reason.CORRUPT, "cannot read the history store " + dir + ": " + describe(e), e);
  }

  /**
   * Deletes an owner's oldest records: those older than {@code olderThanTs}, at most {@code max}.
   * The owner's pruned range grows to the last deleted position.
   *
   * @return how many were deleted
   */
  public int prune(String owner, long olderThanTs, int max) throws HistoryException {
    byte[] prefix = RecordCodec.ownerPrefix(owner);
    ByteBuffer k = ByteBuffer.allocateDirect(prefix.length + 16);
    RecordCodec.putKey(k, prefix, 0, 0);
    OwnerInfo o = owner(owner);
    int deleted = 0;
    long bytes = 0;
    Position last = o.prunedUpTo();
    try (Txn<ByteBuffer> txn = env.txnWrite()) {
      try (Cursor<ByteBuffer> c = records.openCursor(txn)) {
        for (boolean ok = c.get(k, GetOp.MDB_SET_RANGE); ok && deleted < max; ok = c.next()) {
          Position p = RecordCodec.positionOf(c.key(), prefix);
          if (p == null || p.ts() >= olderThanTs) {
            break;
          }
          bytes += c.key().remaining() + c.val().remaining();
          byte[] part = KeyIndex.keyPartOf(c.val());
          if (KeyIndex.size(part, prefix) <= maxKeySize) {
            KeyIndex.put(ikey, part, prefix, p.ts(), p.seq());
            keys.delete(txn, ikey);
          }
          c.delete();
          deleted++;
          last = Position.max(last, p);
        }
      }
      if (deleted == 0) {
        return 0;
      }
      o =
          new OwnerInfo(
              o.last(), Math.max(0, o.records() - deleted), Math.max(0, o.bytes() - bytes), last);
      putOwner(txn, owner, o);
      txn.commit();
    } catch (LmdbException e) {
      throw writeFailure(e);
    }
    ownerInfo.put(owner, o);
    return deleted;
  }

  /** The owner whose oldest record is oldest, or null if the store is empty. */
  public String ownerWithOldestRecord() throws HistoryException {
    String best = null;
    long bestTs = Long.MAX_VALUE;
    for (String owner : ownerInfo.keySet()) {
      List<HistoryRecord> first = after(owner, Position.ZERO, 1);
      if (!first.isEmpty() && first.get(0).ts() < bestTs) {
        bestTs = first.get(0).ts();
        best = owner;
      }
    }
    return best;
  }

  /** Bytes in use by the store's pages (what size-based retention compares with its limit). */
  public long usedBytes() {
    try (Txn<ByteBuffer> txn = env.txnRead()) {
      long pages = 0;
      int pageSize = 4096;
      for (Dbi<ByteBuffer> d : List.of(records, owners, meta, keys)) {
        Stat s = d.stat(txn);
        pages += s.branchPages + s.leafPages + s.overflowPages;
        pageSize = s.pageSize;
      }
      return pages * pageSize;
    }
  }

  /** Records held, over all owners. */
  public long recordCount() {
    return ownerInfo.values().stream().mapToLong(OwnerInfo::records).sum();
  }

  private void putOwner(Txn<ByteBuffer> txn, String owner, OwnerInfo o) {
    ByteBuffer k = direct(owner.getBytes(StandardCharsets.UTF_8));
    ByteBuffer v = ByteBuffer.allocateDirect(48);
    v.putLong(o.last().ts()).putLong(o.last().seq()).putLong(o.records()).putLong(o.bytes());
    v.putLong(o.prunedUpTo().ts()).putLong(o.prunedUpTo().seq()).flip();
    owners.put(txn, k, v);
  }

  private static OwnerInfo decodeOwner(ByteBuffer v) throws MalformedFrameException {
    if (v.remaining() != 48) {
      throw new MalformedFrameException("owner entry of " + v.remaining() + " bytes, not 48");
    }
    int p = v.position();
    return new OwnerInfo(
        new Position(v.getLong(p), v.getLong(p + 8)),
        v.getLong(p + 16),
        v.getLong(p + 24),
        new Position(v.getLong(p + 32), v.getLong(p + 40)));
  }

  private ByteBuffer value(WireWriter body) {
    if (wval.capacity() < body.size()) {
      wval = ByteBuffer.allocateDirect(Integer.highestOneBit(body.size()) << 1);
    }
    wval.clear();
    body.copyTo(wval);
    return wval.flip();
  }

  private static ByteBuffer direct(byte[] b) {
    return ByteBuffer.allocateDirect(Math.max(1, b.length)).put(b).flip();
  }

  private static byte[] bytes(ByteBuffer b) {
    byte[] out = new byte[b.remaining()];
    b.duplicate().get(out);
    return out;
  }

  private static String string(ByteBuffer b) {
    return new String(bytes(b), StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    env.close();
  }
}
