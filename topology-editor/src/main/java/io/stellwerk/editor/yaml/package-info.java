/**
 * Saving that keeps the file: the original text is kept and only changed scalars and structurally
 * changed nodes are rewritten (see {@code docs/EDITOR.md}).
 */
package io.stellwerk.editor.yaml;
