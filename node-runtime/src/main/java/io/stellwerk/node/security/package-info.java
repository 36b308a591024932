/**
 * CurveZMQ security of a station: certificates, trust stores, ZAP admission and owner signatures.
 *
 * <ul>
 *   <li>{@link io.stellwerk.node.security.CertFiles}, {@link io.stellwerk.node.security.KeyFiles}:
 *       CZMQ certificate files ({@code NAME}, {@code NAME_secret} mode 0600) with the station's
 *       Ed25519 key beside the CURVE key; {@code KeyFiles.loadStationKeys(dir, station)} is what
 *       {@code run} calls, failing with one line naming the file.
 *   <li>{@link io.stellwerk.node.security.TrustStore}: the keys a station accepts, each bound to an
 *       identity and a {@link io.stellwerk.node.security.TrustRole}, in states pending, accepted,
 *       rejected, conflict; one human-readable file per key, written atomically, re-read when it
 *       changes on disk.
 *   <li>{@link io.stellwerk.node.security.ZapHandler}: answers the CURVE handshakes of every server
 *       socket of a context; {@link io.stellwerk.node.security.CurveSecurity} sets the socket
 *       options ({@code server(socket, SocketRole, StationKeys)}, {@code client(socket,
 *       StationKeys, serverKey)}) and tells the loop who sent a message ({@code userId}, {@code
 *       sentBy}).
 *   <li>{@link io.stellwerk.node.security.BatchSigner}, {@link
 *       io.stellwerk.node.security.BatchVerifier}: Ed25519 signatures of update batches by their
 *       owner.
 *   <li>{@link io.stellwerk.node.security.Bundles}: keys for a whole topology and one bundle per
 *       station.
 * </ul>
 *
 * The model, the rules and what the event loop must wire are in {@code docs/SECURITY.md}.
 */
package io.stellwerk.node.security;
