/**
 * The {@code stellwerk-node} command line (picocli): validate and explain topologies, run a node,
 * query and command running nodes, start a local demo federation, run benchmarks. Errors reach the
 * user as one clear line and an exit status (1 for bad input, 2 for usage), never a stack trace.
 */
package io.stellwerk.node.cli;
