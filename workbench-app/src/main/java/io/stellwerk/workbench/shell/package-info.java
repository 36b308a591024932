/** The workbench's chrome: layout, menus and toolbar, tabs, files, prompts, log and status. */
package io.stellwerk.workbench.shell;
