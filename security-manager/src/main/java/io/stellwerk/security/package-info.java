/**
 * The security manager: key generation and bundle export, import of a key directory, trust-store
 * administration (local directory or a running station's management socket) and the approval queue.
 * {@code core} is headless, {@code viewmodel} holds the screens' state and logic without controls,
 * {@code view} the JavaFX controls. No windows, no menus: the workbench shell adds those.
 */
package io.stellwerk.security;
