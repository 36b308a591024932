/** Every edit as a command with undo and redo, and the stack that tracks the save point. */
package io.stellwerk.editor.command;
