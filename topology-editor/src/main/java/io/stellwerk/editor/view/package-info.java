/** The editor's views besides the canvas: properties, problems, outline, and the kit's facade. */
package io.stellwerk.editor.view;
