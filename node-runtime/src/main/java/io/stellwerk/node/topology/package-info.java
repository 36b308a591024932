/**
 * The topology: the one YAML file every node shares. Owns the model (nodes, HA pairs, addresses,
 * PLC bindings, options), loading with position-accurate validation, the derived port plan and the
 * {@code --local} host mapping. Nothing here opens a socket.
 */
package io.stellwerk.node.topology;
