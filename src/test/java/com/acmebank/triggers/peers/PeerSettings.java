package com.acmebank.triggers.peers;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a peer job reads and how: the events and profiles files, the reference lists, the go-live instant (firings
 * before it are not counted, as the engine decides nothing before it; the events before it still build windows),
 * the out-of-orderness bound of the watermarks and the parallelism.
 */
record PeerSettings(Path events, Path profiles, Map<String, List<String>> lists, long goLive, long outOfOrdernessMillis, int parallelism) {}
