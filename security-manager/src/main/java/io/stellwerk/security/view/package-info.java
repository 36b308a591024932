/**
 * The JavaFX views of the security manager: keys table, approval queue with its confirmation
 * dialog, and the generate (export) form with a cancellable progress bar. Panes only, no windows or
 * menus; blocking work runs through {@link io.stellwerk.security.view.FxBackground}.
 */
package io.stellwerk.security.view;
