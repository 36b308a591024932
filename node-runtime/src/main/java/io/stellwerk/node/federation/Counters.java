package io.stellwerk.node.federation;

import java.util.LinkedHashMap;
import java.util.Map;

/** Event counters of one station, read by status requests. Owned by the event loop thread. */
public final class Counters {
  long updatesIn;
  long updatesApplied;
  long updatesOut;
  long echoesIgnored;
  long droppedUnauthorised;
  long droppedForged;
  long droppedMalformed;
  long resyncs;
  long gaps;
  long commandsRouted;
  long commandsExecuted;
  long commandsRejected;
  long commandsTimedOut;
  long linkRecreations;
  long historyRecorded;
  long historyReplicated;
  long historyDuplicates;
  long historyGaps;
  long historyChunksOut;

  /** A snapshot for status output. */
  public Map<String, Long> snapshot() {
    Map<String, Long> m = new LinkedHashMap<>();
    m.put("updatesIn", updatesIn);
    m.put("updatesApplied", updatesApplied);
    m.put("updatesOut", updatesOut);
    m.put("echoesIgnored", echoesIgnored);
    m.put("droppedUnauthorised", droppedUnauthorised);
    m.put("droppedForged", droppedForged);
    m.put("droppedMalformed", droppedMalformed);
    m.put("resyncs", resyncs);
    m.put("gaps", gaps);
    m.put("commandsRouted", commandsRouted);
    m.put("commandsExecuted", commandsExecuted);
    m.put("commandsRejected", commandsRejected);
    m.put("commandsTimedOut", commandsTimedOut);
    m.put("linkRecreations", linkRecreations);
    m.put("historyRecorded", historyRecorded);
    m.put("historyReplicated", historyReplicated);
    m.put("historyDuplicates", historyDuplicates);
    m.put("historyGaps", historyGaps);
    m.put("historyChunksOut", historyChunksOut);
    return m;
  }
}
