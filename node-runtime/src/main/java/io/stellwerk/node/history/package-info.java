/**
 * History: the local, crash-safe store of a station's time series and event journal (LMDB), and of
 * the replicas of its subtree's history, with the writer thread that batches writes off the event
 * loop, retention with known pruned ranges, and explicit gap records. It opens no socket: the
 * federation package carries records south to north.
 */
package io.stellwerk.node.history;
