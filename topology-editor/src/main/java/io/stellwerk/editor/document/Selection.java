package io.stellwerk.editor.document;

import io.stellwerk.node.topology.Topology;
import java.util.List;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The selected node ids (the first is the one the properties panel shows) and the field of it to
 * focus, which a click on a problem sets. Views observe it; nothing here knows a control.
 */
public final class Selection {

  private final ObservableList<String> ids = FXCollections.observableArrayList();
  // One wrapper for all observers: a wrapper only weakly listens to the list behind it.
  private final ObservableList<String> readOnly = FXCollections.unmodifiableObservableList(ids);
  private final ReadOnlyStringWrapper field = new ReadOnlyStringWrapper();

  /** The selected ids, primary first. */
  public ObservableList<String> ids() {
    return readOnly;
  }

  /** The primary selection, or {@code null}. */
  public String primary() {
    return ids.isEmpty() ? null : ids.get(0);
  }

  /** The field to focus ({@code port}, {@code pair.backup.host}, ...), or {@code null}. */
  public ReadOnlyStringProperty fieldProperty() {
    return field.getReadOnlyProperty();
  }

  /** Selects exactly one node. Selecting what is selected already tells no one. */
  public void select(String id) {
    field.set(null);
    if (ids.size() != 1 || !ids.get(0).equals(id)) {
      ids.setAll(List.of(id));
    }
  }

  /** Selects one node and asks its field to be focused. */
  public void select(String id, String fieldName) {
    select(id);
    field.set(fieldName);
  }

  /** Adds or removes a node from the selection (Ctrl-click). */
  public void toggle(String id) {
    field.set(null);
    if (!ids.remove(id)) {
      ids.add(id);
    }
  }

  /** Selects nothing. */
  public void clear() {
    field.set(null);
    ids.clear();
  }

  /** Selects {@code wanted}, as far as those nodes exist in {@code t} (undo and redo). */
  void restore(List<String> wanted, Topology t) {
    List<String> existing = existingIn(wanted, t);
    if (!existing.equals(ids)) {
      field.set(null);
      ids.setAll(existing);
    }
  }

  /** Drops ids that no longer exist after an edit. */
  void retainExisting(Topology t) {
    List<String> existing = t == null ? ids : existingIn(ids, t);
    if (existing.size() != ids.size()) {
      ids.setAll(existing);
    }
  }

  private static List<String> existingIn(List<String> wanted, Topology t) {
    return t == null ? List.of() : wanted.stream().filter(id -> t.node(id).isPresent()).toList();
  }
}
