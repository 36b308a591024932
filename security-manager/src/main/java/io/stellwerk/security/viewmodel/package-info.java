/**
 * The screens' state and logic as observable properties and lists, without controls or the FX
 * thread: each view model takes its services and a {@link
 * io.stellwerk.security.viewmodel.Background} in its constructor, so plain JUnit tests drive it on
 * one thread.
 */
package io.stellwerk.security.viewmodel;
