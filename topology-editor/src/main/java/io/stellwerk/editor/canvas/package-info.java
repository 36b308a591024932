/** The graph canvas: tree layout, node glyphs, zoom and pan, selection and drag to re-parent. */
package io.stellwerk.editor.canvas;
