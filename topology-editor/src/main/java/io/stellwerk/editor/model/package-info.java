/** The editable state of a topology and the pure tree operations commands are built from. */
package io.stellwerk.editor.model;
