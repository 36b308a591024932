/**
 * PLC access: drivers that poll process values and accept writes, run as a supervised actor thread
 * beside the event loop. For now the tunnel simulator; Modbus TCP follows with HA.
 */
package io.stellwerk.node.plc;
