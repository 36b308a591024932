package io.stellwerk.editor.model;

import io.stellwerk.node.topology.Topology;
import java.util.Map;

/**
 * One immutable state of an edited topology: the model, and for each node that came from the opened
 * file, the id it had there. The origins let the saver copy a node's original text (with its
 * comments) even after it was renamed or moved, so only what really changed is rewritten.
 *
 * @param topology the current model
 * @param origins current node id to the id the node had in the opened file
 */
public record EditorState(Topology topology, Map<String, String> origins) {

  /** Freezes the origins. */
  public EditorState {
    origins = Map.copyOf(origins);
  }

  /** The state of a freshly opened file: every node is its own origin. */
  public static EditorState opened(Topology topology) {
    Map<String, String> origins = new java.util.HashMap<>();
    topology.nodes().forEach(n -> origins.putIfAbsent(n.id(), n.id()));
    return new EditorState(topology, origins);
  }

  /** The id a node had in the opened file, or {@code null} for a node added since. */
  public String originOf(String id) {
    return origins.get(id);
  }
}
