package io.stellwerk.security.viewmodel;

import io.stellwerk.node.security.TrustJson;
import io.stellwerk.node.security.TrustRole;
import io.stellwerk.security.core.TrustService;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Predicate;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The approval queue of one trust store: keys waiting for a decision (pending and conflict) with
 * fingerprint, claimed identity, source and times; accept, reject and revoke by fingerprint. With
 * {@link #showAllProperty()} it lists every key, so an accepted one can be revoked. After each
 * decision the list is read again from the store, so the view shows what the station now holds.
 */
public final class ApprovalQueueViewModel {

  /** The decisions a person can take on a key. */
  public enum Decision {
    ACCEPT,
    REJECT,
    REVOKE;

    /** The verb shown on buttons and in the confirmation. */
    public String verb() {
      return switch (this) {
        case ACCEPT -> "Accept";
        case REJECT -> "Reject";
        case REVOKE -> "Revoke";
      };
    }
  }

  private static final Predicate<TrustJson.Row> WAITING =
      r -> r.state().equals("pending") || r.state().equals("conflict");

  private final TrustService service;
  private final Background background;
  private final ObservableList<TrustJson.Row> all = FXCollections.observableArrayList();
  private final FilteredList<TrustJson.Row> shown = new FilteredList<>(all, WAITING);
  private final BooleanProperty showAll = new SimpleBooleanProperty(false);
  private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
  private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");

  /** A queue over {@code service}; nothing is read until {@link #refresh()}. */
  public ApprovalQueueViewModel(TrustService service, Background background) {
    this.service = service;
    this.background = background;
    showAll.addListener((o, a, on) -> shown.setPredicate(on ? r -> true : WAITING));
  }

  /** Where the store is. */
  public String title() {
    return service.describe();
  }

  /** The rows shown: waiting keys, or all keys with {@link #showAllProperty()}. */
  public ObservableList<TrustJson.Row> rows() {
    return shown;
  }

  /** Whether accepted and rejected keys are listed too. */
  public BooleanProperty showAllProperty() {
    return showAll;
  }

  /** Whether a request is under way. */
  public ReadOnlyBooleanProperty busyProperty() {
    return busy.getReadOnlyProperty();
  }

  /** The outcome of the last request, one line. */
  public ReadOnlyStringProperty messageProperty() {
    return message.getReadOnlyProperty();
  }

  /** Reads the store again. */
  public void refresh() {
    run(
        () -> {
          List<TrustJson.Row> rows = service.list();
          return new Result(summary(rows), rows);
        });
  }

  /** Whether {@code decision} is possible for a key in the row's state. */
  public static boolean allowed(Decision decision, TrustJson.Row row) {
    if (row == null) {
      return false;
    }
    return switch (decision) {
      case ACCEPT -> !row.state().equals("accepted");
      case REJECT -> row.state().equals("pending") || row.state().equals("conflict");
      case REVOKE -> row.state().equals("accepted");
    };
  }

  /** The identity an accept proposes: the one the key is bound to or claims, else empty. */
  public static String proposedIdentity(TrustJson.Row row) {
    return row.identity() == null ? "" : row.identity();
  }

  /** The role an accept proposes: the bound role, else the one the key asked for, else none. */
  public static TrustRole proposedRole(TrustJson.Row row) {
    String r = row.role() != null ? row.role() : row.requested();
    if (r == null) {
      return null;
    }
    try {
      return TrustRole.parse(r);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** The question the confirmation asks; the view shows the full fingerprint beside it. */
  public static String question(Decision decision, TrustJson.Row row) {
    String who = row.identity() == null ? "an unannounced key" : row.identity();
    return switch (decision) {
      case ACCEPT -> "Accept this key? It will be admitted at its next connection.";
      case REJECT -> "Reject the key of " + who + "? It stays denied until accepted.";
      case REVOKE ->
          "Revoke the key of " + who + "? Its live connections are cut and it is denied.";
    };
  }

  /**
   * Accepts the row's key for {@code identity} and {@code role} (blank identity or null role keep
   * the entry's own); {@code replace} retires another accepted key of the identity.
   */
  public void accept(TrustJson.Row row, String identity, TrustRole role, boolean replace) {
    String id = identity == null || identity.isBlank() ? null : identity.strip();
    decide(
        () -> service.accept(row.fingerprint(), id, role, replace),
        r ->
            r.state().equals("conflict")
                ? r.fingerprint()
                    + " is a conflict: "
                    + (r.note() == null ? "its identity has another accepted key" : r.note())
                    + " (accept with replace to retire that one)"
                : r.fingerprint() + " accepted as " + r.identity() + " (" + r.role() + ")");
  }

  /** Rejects the row's key. */
  public void reject(TrustJson.Row row) {
    decide(() -> service.reject(row.fingerprint()), r -> r.fingerprint() + " rejected");
  }

  /** Revokes the row's key. */
  public void revoke(TrustJson.Row row) {
    decide(() -> service.revoke(row.fingerprint()), r -> r.fingerprint() + " revoked");
  }

  private record Result(String said, List<TrustJson.Row> rows) {}

  // A decision is followed by a fresh list in the same background job, so the table never shows a
  // state the store does not hold.
  private void decide(Callable<TrustJson.Row> change, Function<TrustJson.Row, String> describe) {
    run(
        () -> {
          TrustJson.Row changed = change.call();
          return new Result(describe.apply(changed), service.list());
        });
  }

  private void run(Callable<Result> job) {
    busy.set(true);
    background.run(
        job,
        r -> {
          all.setAll(r.rows());
          message.set(r.said());
          busy.set(false);
        },
        error -> {
          message.set(error);
          busy.set(false);
        });
  }

  private static String summary(List<TrustJson.Row> rows) {
    long waiting = rows.stream().filter(WAITING).count();
    return rows.size() + " keys, " + waiting + " waiting for a decision";
  }
}
