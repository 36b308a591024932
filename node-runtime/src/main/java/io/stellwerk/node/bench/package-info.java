/** Benchmarks that run real station processes on loopback and print their figures as JSON lines. */
package io.stellwerk.node.bench;
