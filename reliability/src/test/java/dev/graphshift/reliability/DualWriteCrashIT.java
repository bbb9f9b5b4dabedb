package dev.graphshift.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graphshift.GraphDatabase;
import dev.graphshift.GraphRecord;
import dev.graphshift.dualwrite.DualWriteCoordinator;
import dev.graphshift.dualwrite.FileDeadLetterQueue;
import dev.graphshift.dualwrite.FsyncPolicy;
import dev.graphshift.testing.EmbeddedGremlinServer;
import dev.graphshift.testing.EmbeddedNeo4j;
import dev.graphshift.testing.EmbeddedNeo4jExtension;
import dev.graphshift.testing.SharedGremlinServerExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Scenario 2, a crash with a pending dead-letter queue, on the real servers: the test JVM runs the
 * embedded Neo4j and the Gremlin Server and stops the latter (the target is down); a child JVM ({@link
 * CrashingDualWriter}) dual-writes over the network with outbox delivery into a journal and acknowledges
 * each write on its output; after {@code reliability.crash.acks} acknowledgements it is killed with
 * SIGKILL. The Gremlin Server comes back, a new process (this one) opens the same journal and replays
 * it: every acknowledged write must be on the target, the write in flight at the kill either applied or
 * not, and replaying the journal as it was at the kill a second time must change nothing.
 */
@ExtendWith({EmbeddedNeo4jExtension.class, SharedGremlinServerExtension.class})
class DualWriteCrashIT {

  @TempDir
  Path dir;

  @ParameterizedTest
  @EnumSource(value = FsyncPolicy.class, names = {"INTERVAL", "EVERY_WRITE"})
  void shouldReplayEveryAcknowledgedWriteOnTheTargetWhenTheWriterIsKilled(FsyncPolicy fsync, EmbeddedNeo4j neo4j,
      EmbeddedGremlinServer gremlin) throws Exception {
    // given: the target is down, a child dual-writes until it is killed
    int acks = Loads.crashAcks();
    neo4j.clear();
    gremlin.clear();
    gremlin.stop();
    Path journal = dir.resolve("crash.journal");
    int lastAck;
    try (ChildJvm child = ChildJvm.start(CrashingDualWriter.class, List.of(), List.of(neo4j.boltUri().toString(),
        gremlin.host(), String.valueOf(gremlin.port()), journal.toString(), fsync.name()), dir.resolve("child.err"))) {
      child.awaitLine("READY"::equals);
      for (int i = 0; i < acks; i++) {
        child.awaitLine(line -> line.startsWith("ACK "));
      }

      // when: SIGKILL mid-stream; lines printed before the kill were acknowledged too
      child.kill();
      lastAck = child.drain().stream().filter(l -> l.startsWith("ACK ")).mapToInt(l -> Integer.parseInt(l.substring(4)))
          .max().orElseThrow();
    } finally {
      gremlin.restart();
    }
    assertThat(lastAck).isGreaterThanOrEqualTo(acks - 1);
    Path copy = dir.resolve("copy.journal");
    Files.copy(journal, copy);
    long journalBytes = Files.size(journal);

    // when: a new process opens the journal and replays it into the target, which is back
    try (GraphDatabase primary = Servers.neo4j("neo4j-primary", neo4j.boltUri()).build();
        GraphDatabase target = Servers.neptune("neptune-recovered", gremlin).build()) {
      long replayed = replay(journal, primary, target);

      // then: every acknowledged write is on the target; the one in flight at the kill may or may not be
      Snapshot recovered = Snapshot.of(target);
      assertMatchesAcknowledged(recovered, lastAck, "the target after the replay");
      assertMatchesAcknowledged(Snapshot.of(primary), lastAck, "the primary");

      // when: the journal as it was at the kill is replayed a second time
      replay(copy, primary, target);

      // then: nothing changed
      Snapshot again = Snapshot.of(target);
      assertThat(again.nodes()).isEqualTo(recovered.nodes());
      assertThat(again.relationships()).isEqualTo(recovered.relationships());

      new Figures("dual-write-crash-" + fsync.name().toLowerCase(java.util.Locale.ROOT))
          .put("fsync", fsync.name())
          .put("acknowledgedBeforeKill", lastAck + 1)
          .put("journalBytes", journalBytes)
          .put("deadLettersReplayed", replayed)
          .put("nodesOnTarget", recovered.nodes().size())
          .put("relationshipsOnTarget", recovered.relationships().size())
          .put("acknowledgedWritesMissing", 0)
          .put("changedBySecondReplay", 0)
          .write();
    }
  }

  /** Replays a journal into the target until it is empty; returns the number of dead letters it held. */
  private static long replay(Path journal, GraphDatabase primary, GraphDatabase target) {
    try (FileDeadLetterQueue dlq = FileDeadLetterQueue.open(journal);
        DualWriteCoordinator dual = DualWriteCoordinator.builder(new NonClosing(primary), new NonClosing(target))
            .name("replay")
            .deadLetters(dlq)
            .retryInterval(Duration.ofDays(1))
            .build()) {
      long held = dlq.size();
      assertThat(held).as("dead letters in the journal").isPositive();
      for (int round = 0; round < 1_000 && dlq.size() > 0; round++) {
        dual.retryDue();
      }
      assertThat(dlq.size()).as("the journal replayed completely; left: %s, parked: %s", dlq.pending(5), dlq.parked(5))
          .isZero();
      return held;
    }
  }

  /** Asserts that each id holds what the acknowledged operations 0..lastAck left (the next one may be applied). */
  private static void assertMatchesAcknowledged(Snapshot actual, int lastAck, String what) {
    Map<String, Optional<GraphRecord>> expected = new HashMap<>();
    Map<String, Optional<GraphRecord>> ifInFlightApplied = new HashMap<>();
    for (int i = 0; i <= lastAck + 1; i++) {
      Map<String, Optional<GraphRecord>> into = i <= lastAck ? expected : ifInFlightApplied;
      switch (CrashingDualWriter.kind(i)) {
        case UPSERT_NODE -> into.put("node " + CrashingDualWriter.nodeId(i), Optional.of(CrashingDualWriter.node(i)));
        case DELETE_NODE -> into.put("node " + CrashingDualWriter.nodeId(i), Optional.empty());
        case UPSERT_RELATIONSHIP -> {
          GraphRecord r = CrashingDualWriter.relationship(i);
          into.put("relationship " + r.id(), Optional.of(r));
        }
      }
    }
    Map<String, Optional<GraphRecord>> found = new HashMap<>();
    actual.nodes().forEach((id, n) -> found.put("node " + id, Optional.of(n)));
    actual.relationships().forEach((id, r) -> found.put("relationship " + id, Optional.of(r)));
    java.util.Set<String> keys = new java.util.TreeSet<>(expected.keySet());
    keys.addAll(ifInFlightApplied.keySet());
    for (String key : keys) {
      Optional<GraphRecord> acknowledged = expected.getOrDefault(key, Optional.empty());
      Optional<GraphRecord> inFlight = ifInFlightApplied.get(key);
      Optional<GraphRecord> got = found.getOrDefault(key, Optional.empty());
      if (inFlight != null) {
        assertThat(got).as("%s: %s (written by the operation in flight at the kill)", what, key)
            .isIn(acknowledged, inFlight);
      } else {
        assertThat(got).as("%s: %s after %s acknowledged operations", what, key, lastAck + 1)
            .isEqualTo(acknowledged);
      }
    }
    assertThat(found.keySet()).as("%s: nothing the plan did not write", what)
        .allSatisfy(key -> assertThat(expected.containsKey(key) || ifInFlightApplied.containsKey(key)).isTrue());
  }

  /** Keeps a database open when the replaying coordinator closes what it wraps. */
  private static final class NonClosing extends dev.graphshift.ForwardingGraphDatabase {
    NonClosing(GraphDatabase delegate) {
      super(delegate);
    }

    @Override
    public void close() {}
  }
}
