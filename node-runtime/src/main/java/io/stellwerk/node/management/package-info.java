/**
 * The management protocol: JSON requests (status, get, keys, command) to a station's management
 * ROUTER, and the client the CLI and the workbench use to send them.
 */
package io.stellwerk.node.management;
