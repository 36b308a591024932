/**
 * High availability of a hot-standby pair: the Binary Star state machine as an explicit transition
 * table (roles primary/backup, states waiting/active/passive), the vote rule, and the deterministic
 * rule that ends a dual-active episode. Pure logic: the federation loop feeds it events and carries
 * out its decisions.
 */
package io.stellwerk.node.ha;
