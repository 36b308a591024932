package io.stellwerk.node.topology;

import java.util.List;
import java.util.Optional;

/**
 * What loading a topology file gave: the topology when it is valid, and every problem found.
 *
 * @param topology the topology, or {@code null} when any problem was found
 * @param problems all problems, in file order
 * @param positions where each node's fields stand in the file (for editors)
 */
public record LoadResult(Topology topology, List<Problem> problems, TopologyLocator positions) {

  /** Freezes the problem list. */
  public LoadResult {
    problems = List.copyOf(problems);
  }

  /** Whether the file is valid. */
  public boolean ok() {
    return problems.isEmpty() && topology != null;
  }

  /** The topology, if valid. */
  public Optional<Topology> valid() {
    return ok() ? Optional.of(topology) : Optional.empty();
  }
}
