/**
 * The visual topology editor as a reusable kit: the model and its commands ({@code model}, {@code
 * command}), in-place YAML saving ({@code yaml}), the document view model ({@code document}) and
 * the views ({@code canvas}, {@code view}). Nothing here opens a window or knows the shell around
 * it; confirmations and file choices are asked through interfaces the shell implements.
 */
package io.stellwerk.editor;
