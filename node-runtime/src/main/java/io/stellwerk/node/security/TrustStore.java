package io.stellwerk.node.security;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A station's trust store: a directory of {@link TrustEntry} files, one per key. The files are the
 * truth. Every read checks whether a file changed on disk (a cheap stat), so an accept or revoke
 * made by another process, e.g. the CLI, takes effect at the next handshake without a restart.
 * Changes happen under a lock (in this JVM and across processes) and re-read the entry first, so a
 * knock recorded by the ZAP handler never overwrites a person's decision. Thread-safe.
 */
public final class TrustStore {

  private static final Logger LOG = LoggerFactory.getLogger(TrustStore.class);
  // A denied client reconnects every second or so; its knocks are written at most this often.
  private static final Duration KNOCK_WRITE_INTERVAL = Duration.ofSeconds(5);
  private static final Map<Path, Object> JVM_LOCKS = new ConcurrentHashMap<>();

  // A rewrite is a rename onto the name, so the inode, size or nanosecond mtime changes with it.
  private record Cached(TrustEntry entry, Object fileKey, long modified, long size) {}

  private final Path dir;
  private final Object jvmLock;
  private final Map<Fingerprint, Cached> cache = new HashMap<>();
  private final List<Consumer<TrustEntry>> listeners = new CopyOnWriteArrayList<>();

  private TrustStore(Path dir) {
    this.dir = dir.toAbsolutePath().normalize();
    this.jvmLock = JVM_LOCKS.computeIfAbsent(this.dir, d -> new Object());
  }

  /** Opens (creating if needed) the trust store in {@code dir}. */
  public static TrustStore open(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new KeyFileException("cannot create trust store " + dir + ": " + e.getMessage());
    }
    TrustStore store = new TrustStore(dir);
    store.list();
    return store;
  }

  /** The directory. */
  public Path directory() {
    return dir;
  }

  /**
   * Calls {@code listener} after each change made through this instance (on the changer's thread).
   */
  public void addListener(Consumer<TrustEntry> listener) {
    listeners.add(listener);
  }

  /** Every entry, oldest first. */
  public synchronized List<TrustEntry> list() {
    Set<Fingerprint> seen = new HashSet<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(TrustFiles.SUFFIX)).toList()) {
        String hex = f.getFileName().toString().replace(TrustFiles.SUFFIX, "");
        Fingerprint fp = Fingerprint.parse(hex);
        seen.add(fp);
        refresh(fp);
      }
    } catch (IOException e) {
      throw new KeyFileException("cannot read trust store " + dir + ": " + e.getMessage());
    }
    cache.keySet().retainAll(seen);
    return cache.values().stream()
        .map(Cached::entry)
        .sorted(Comparator.comparing(TrustEntry::firstSeen))
        .toList();
  }

  /** The entry of a key, as on disk now. */
  public synchronized Optional<TrustEntry> get(Fingerprint fp) {
    return Optional.ofNullable(refresh(fp)).map(Cached::entry);
  }

  /** The entry a user means by a full fingerprint or an unambiguous prefix of one. */
  public TrustEntry find(String typed) {
    List<TrustEntry> hits = list().stream().filter(e -> e.fingerprint().startsWith(typed)).toList();
    if (hits.size() == 1) {
      return hits.get(0);
    }
    throw new IllegalArgumentException(
        hits.isEmpty()
            ? "no key " + typed + " in trust store " + dir
            : typed + " fits " + hits.size() + " keys in " + dir + ": type more of it");
  }

  /** The accepted CURVE key of a station or workstation with that role (a client's server key). */
  public Optional<byte[]> acceptedKey(String identity, TrustRole role) {
    return accepted(identity).filter(e -> e.role() == role).map(e -> e.cert().publicKey());
  }

  /** The accepted entry bound to an identity, if any. */
  public Optional<TrustEntry> accepted(String identity) {
    return list().stream()
        .filter(e -> e.state() == TrustState.ACCEPTED && identity.equals(e.identity()))
        .findFirst();
  }

  /**
   * Which of the ZAP user ids seen on a socket serving {@code role} are no longer admitted: the
   * connections the event loop must cut after a revoke (see {@code docs/SECURITY.md}).
   */
  public List<String> noLongerAdmitted(TrustRole role, Collection<String> userIds) {
    List<TrustEntry> all = list();
    List<String> out = new ArrayList<>();
    for (String id : userIds) {
      if (all.stream().noneMatch(e -> id.equals(e.identity()) && e.admits(role))) {
        out.add(id);
      }
    }
    return out;
  }

  /**
   * Decides a handshake: admits a key accepted for exactly the role the socket serves; records an
   * unknown key as pending (with its address and the socket it wanted); denies everything else.
   */
  public Admission admit(byte[] clientKey, TrustRole wanted, String address) {
    Fingerprint fp = Fingerprint.of(clientKey);
    Optional<TrustEntry> known = get(fp);
    if (known.isPresent() && known.get().admits(wanted)) {
      return Admission.admit(known.get().identity());
    }
    Instant now = Instant.now();
    if (known.isPresent() && known.get().state() == TrustState.ACCEPTED) {
      TrustEntry e = known.get();
      return Admission.deny(
          e.identity() + " is trusted as " + e.role().label() + ", not as " + wanted.label());
    }
    if (known.isEmpty() || known.get().lastSeen().plus(KNOCK_WRITE_INTERVAL).isBefore(now)) {
      mutate(
          fp,
          e ->
              e == null
                  ? new TrustEntry(
                      new CurveCert(clientKey, null, Map.of(), null),
                      TrustState.PENDING,
                      null,
                      null,
                      now,
                      now,
                      address,
                      wanted.label(),
                      1,
                      "unknown key knocked")
                  : e.state() == TrustState.ACCEPTED ? e : e.knocked(address, wanted.label(), now));
    }
    TrustState state = known.map(TrustEntry::state).orElse(TrustState.PENDING);
    return Admission.deny(fp + " is " + state.label());
  }

  /**
   * Adds a key for an identity and role as accepted (bundles, generated keys), or as conflict if
   * the identity already has another accepted key.
   */
  public TrustEntry trust(CurveCert publicCert, String identity, TrustRole role, String source) {
    Instant now = Instant.now();
    CurveCert cert = publicCert.publicOnly();
    TrustEntry fresh =
        new TrustEntry(
            cert, TrustState.PENDING, identity, role, now, now, source, null, 0, "added");
    mutate(cert.fingerprint(), e -> e == null ? fresh : e.boundTo(identity, role));
    return accept(cert.fingerprint(), identity, role, false);
  }

  /**
   * Accepts a key for an identity and role (both may be null to keep what the entry claims). If the
   * identity already has another accepted key, the new one becomes conflict, unless {@code replace}
   * retires the old one.
   */
  public TrustEntry accept(Fingerprint fp, String identity, TrustRole role, boolean replace) {
    TrustEntry current = require(fp);
    if (current.state() == TrustState.ACCEPTED) {
      return current;
    }
    String id = identity != null ? identity : current.identity();
    TrustRole r = role != null ? role : current.role();
    if (id == null || r == null) {
      throw new IllegalArgumentException(
          fp + " has no identity or role yet: name them (--identity ID --role ROLE)");
    }
    Optional<TrustEntry> holder = accepted(id).filter(h -> !h.fingerprint().equals(fp));
    if (holder.isPresent() && !replace) {
      return mutate(
          fp,
          e ->
              e.state() == TrustState.CONFLICT
                  ? e.boundTo(id, r)
                  : e.boundTo(id, r)
                      .withState(
                          TrustState.CONFLICT,
                          id + " already has accepted key " + holder.get().fingerprint(),
                          Instant.now()));
    }
    holder.ifPresent(
        h ->
            mutate(
                h.fingerprint(),
                e -> e.withState(TrustState.REJECTED, "replaced by " + fp, Instant.now())));
    return mutate(
        fp, e -> e.boundTo(id, r).withState(TrustState.ACCEPTED, "accepted", Instant.now()));
  }

  /** Rejects a pending or conflicting key. */
  public TrustEntry reject(Fingerprint fp) {
    TrustState now = require(fp).state();
    if (now == TrustState.ACCEPTED) {
      throw new IllegalArgumentException(fp + " is accepted: revoke it instead");
    }
    if (now == TrustState.REJECTED) {
      throw new IllegalArgumentException(fp + " is already rejected");
    }
    return mutate(fp, e -> e.withState(TrustState.REJECTED, "rejected", Instant.now()));
  }

  /**
   * Revokes an accepted key: denied at its next handshake; live connections are the loop's to cut.
   */
  public TrustEntry revoke(Fingerprint fp) {
    if (require(fp).state() != TrustState.ACCEPTED) {
      throw new IllegalArgumentException(fp + " is not accepted, there is nothing to revoke");
    }
    return mutate(fp, e -> e.withState(TrustState.REJECTED, "revoked", Instant.now()));
  }

  private TrustEntry require(Fingerprint fp) {
    return get(fp)
        .orElseThrow(() -> new IllegalArgumentException("no key " + fp + " in trust store " + dir));
  }

  private TrustEntry mutate(Fingerprint fp, Function<TrustEntry, TrustEntry> change) {
    TrustEntry next;
    synchronized (jvmLock) {
      try (FileChannel ch =
              FileChannel.open(
                  dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock lock = ch.lock()) {
        TrustEntry before = get(fp).orElse(null);
        next = change.apply(before);
        if (next == before) {
          return next;
        }
        TrustFiles.write(dir, next);
        synchronized (this) {
          // What was just written is known; a stat alone could miss a same-tick rewrite.
          cache.remove(fp);
          refresh(fp);
        }
      } catch (IOException e) {
        throw new KeyFileException("cannot lock trust store " + dir + ": " + e.getMessage());
      }
    }
    LOG.info(
        "trust {} {} {} ({})",
        next.fingerprint(),
        next.state().label(),
        next.identity(),
        next.note());
    listeners.forEach(l -> l.accept(next));
    return next;
  }

  private Cached refresh(Fingerprint fp) {
    Path file = TrustFiles.fileOf(dir, fp);
    Cached old = cache.get(fp);
    try {
      BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
      long modified = a.lastModifiedTime().to(TimeUnit.NANOSECONDS);
      if (old != null
          && Objects.equals(old.fileKey(), a.fileKey())
          && old.modified() == modified
          && old.size() == a.size()) {
        return old;
      }
      Cached fresh = new Cached(TrustFiles.read(file), a.fileKey(), modified, a.size());
      cache.put(fp, fresh);
      return fresh;
    } catch (NoSuchFileException e) {
      cache.remove(fp);
      return null;
    } catch (IOException e) {
      throw new KeyFileException("cannot read " + file + ": " + e.getMessage());
    }
  }
}
