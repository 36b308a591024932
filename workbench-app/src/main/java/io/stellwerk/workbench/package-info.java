/** The Stellwerk engineering workbench: the desktop shell around the topology editor. */
package io.stellwerk.workbench;
