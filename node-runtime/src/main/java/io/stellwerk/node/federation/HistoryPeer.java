package io.stellwerk.node.federation;

import io.stellwerk.node.history.HistoryMessages;
import io.stellwerk.node.history.Position;
import io.stellwerk.node.history.RecordCodec.Linked;
import io.stellwerk.node.wire.MalformedFrameException;
import io.stellwerk.node.wire.MessageType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * History between the two peers of a pair, over the peer link: each peer replicates the other's own
 * records (its journal, its time series) with the same request / credit / live exchange a parent
 * runs with a child, so both peers hold both peers' records — for a root pair, the only way each
 * root peer gets the other's own history. Records of the subtree need no copy here: both peers hear
 * the children's north PUB.
 */
final class HistoryPeer {

  private final HistoryHub hub;
  private final PeerChannel peer;
  private final String self;
  private final HistoryLink link;
  private final HistoryFeed feed;
  private final long deadlineNanos;
  private long lastHeadNanos;

  HistoryPeer(HistoryHub hub, PeerChannel peer) {
    this.hub = hub;
    this.peer = peer;
    this.self = hub.ctx.station.toString();
    this.deadlineNanos = hub.ctx.config.deadline().toNanos();
    String other = peer.peer.toString();
    this.feed = new HistoryFeed(hub, () -> peer.dealer, self::equals, other);
    this.link =
        new HistoryLink(
            hub,
            new HistoryLink.Source() {
              @Override
              public String name() {
                return other;
              }

              @Override
              public boolean owns(String owner) {
                return owner.equals(other);
              }

              @Override
              public boolean down() {
                return peer.state == LinkState.DOWN;
              }

              @Override
              public void send(MessageType type, byte[] body) {
                HistoryPeer.this.send(type, body);
              }
            });
  }

  HistoryLink link() {
    return link;
  }

  /** A history message on the peer link; false if {@code m} is not one. */
  boolean onMessage(Frames.Message m, long now) throws MalformedFrameException {
    switch (m.header().type()) {
      case HISTORY_HEAD -> link.onHead(HistoryMessages.head(m.body()), now);
      case HISTORY_LIVE -> link.onLive(HistoryMessages.live(m.reader()), now);
      case HISTORY_CHUNK -> link.onChunk(HistoryMessages.chunk(m.reader()), now);
      case HISTORY_REQUEST -> feed.onRequest(HistoryMessages.request(m.body()));
      case HISTORY_CREDIT -> feed.onCredit(HistoryMessages.credit(m.body()));
      default -> {
        return false;
      }
    }
    return true;
  }

  /** This station's own records, just made durable: the peer gets them live. */
  void onStored(List<Linked> records) {
    List<Linked> own = new ArrayList<>();
    for (Linked l : records) {
      if (l.record().owner().equals(self)) {
        own.add(l);
      }
    }
    for (int from = 0; from < own.size(); from += HistoryHub.LIVE_BATCH) {
      send(
          MessageType.HISTORY_LIVE,
          HistoryMessages.live(
              own.subList(from, Math.min(own.size(), from + HistoryHub.LIVE_BATCH))));
    }
  }

  void tick(long now) {
    link.tick(now, deadlineNanos);
    if (now - lastHeadNanos >= HistoryHub.HEAD_INTERVAL_NANOS) {
      lastHeadNanos = now;
      Position own = hub.heads().getOrDefault(self, Position.ZERO);
      send(
          MessageType.HISTORY_HEAD,
          HistoryMessages.head(new HistoryMessages.Head(0, Map.of(self, own))));
    }
  }

  private void send(MessageType type, byte[] body) {
    Frames.send(peer.dealer, null, Frames.header(hub.ctx, type), body);
  }
}
