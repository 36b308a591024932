/** The view model of one open topology: state, history, selection and live problems. */
package io.stellwerk.editor.document;
