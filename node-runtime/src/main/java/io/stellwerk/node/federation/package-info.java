/**
 * The federation: one event loop per station owning its ZeroMQ sockets, the per-link sync state
 * machines (version-vector exchange, then live streams with gap detection), access control by
 * topology, heartbeats with receive deadlines, and command routing along the tree.
 */
package io.stellwerk.node.federation;
