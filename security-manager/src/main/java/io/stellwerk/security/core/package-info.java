/**
 * What the security manager does, without any JavaFX: generating keys with progress and
 * cancellation ({@link io.stellwerk.security.core.KeyGeneration}), reading a key directory into a
 * keys model ({@link io.stellwerk.security.core.KeyDirectory}), and administering a trust store
 * through {@link io.stellwerk.security.core.TrustService}, locally or on a running station.
 */
package io.stellwerk.security.core;
