/**
 * Starts every station of a topology on this machine as its own OS process of the node runtime,
 * with {@code --local}, and stops them all again (no orphans). Used by {@code demo}, the
 * benchmarks, the multi-process tests and the workbench's launcher.
 */
package io.stellwerk.node.launcher;
