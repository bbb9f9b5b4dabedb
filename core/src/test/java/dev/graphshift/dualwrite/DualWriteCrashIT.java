package dev.graphshift.dualwrite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graphshift.ForwardingGraphDatabase;
import dev.graphshift.Node;
import dev.graphshift.ScanPage;
import dev.graphshift.ScanRequest;
import dev.graphshift.memory.InMemoryGraphDatabase;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Crash recovery of the durable dead-letter queue with a real process kill: a child JVM dual-writes
 * with outbox delivery while the secondary is down and prints every acknowledged write; the test kills
 * it with SIGKILL in the middle of the stream, opens the same journal (whose last record may be torn),
 * replays it into a fresh secondary, and checks that every acknowledged write is there, and that
 * replaying the journal a second time changes nothing.
 */
class DualWriteCrashIT {

  private static final int ACKS_BEFORE_KILL = 300;

  @TempDir
  Path dir;

  @ParameterizedTest
  @EnumSource(value = FsyncPolicy.class, names = {"INTERVAL", "EVERY_WRITE"})
  void shouldReplayEveryAcknowledgedWriteWhenTheProcessIsKilled(FsyncPolicy fsync) throws Exception {
    // given: a child that dual-writes until it is killed
    Path journal = dir.resolve("crash.journal");
    Process child = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        "-Dslf4j.provider=org.slf4j.simple.SimpleServiceProvider",
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=error",
        DualWriteCrashChild.class.getName(), journal.toString(), fsync.name())
        .redirectError(dir.resolve("child.err").toFile())
        .start();
    int lastAck = -1;
    try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
        StandardCharsets.UTF_8))) {
      String line;
      int acks = 0;
      while ((line = out.readLine()) != null) {
        if (line.startsWith("ACK ")) {
          lastAck = Integer.parseInt(line.substring(4));
          if (++acks == ACKS_BEFORE_KILL) {
            // when: SIGKILL, mid-stream (through the handle, which leaves the pipe readable: lines
            // written before the kill were acknowledged too)
            child.toHandle().destroyForcibly();
          }
        }
      }
    } finally {
      child.destroyForcibly();
      assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(lastAck).as("the child acknowledged writes (stderr: %s)", stderr()).isGreaterThanOrEqualTo(
        ACKS_BEFORE_KILL - 1);
    Path copy = dir.resolve("copy.journal");
    Files.copy(journal, copy);

    // when: the journal is opened and replayed into a fresh secondary
    InMemoryGraphDatabase secondary = InMemoryGraphDatabase.named("recovered");
    replay(journal, secondary);

    // then: every acknowledged write is there (the write in flight at the kill may or may not be)
    Map<String, Optional<Node>> expected = expected(lastAck);
    int inFlight = lastAck + 1;
    for (Map.Entry<String, Optional<Node>> e : expected.entrySet()) {
      Optional<Node> actual = secondary.getNode(e.getKey());
      if (e.getKey().equals(DualWriteCrashChild.id(inFlight))) {
        Optional<Node> ifApplied = DualWriteCrashChild.isDelete(inFlight)
            ? Optional.empty() : Optional.of(DualWriteCrashChild.node(inFlight));
        assertThat(actual).as("id %s (written by the operation in flight)", e.getKey()).isIn(e.getValue(), ifApplied);
      } else {
        assertThat(actual).as("id %s after %s acknowledged writes", e.getKey(), lastAck + 1).isEqualTo(e.getValue());
      }
    }

    // when: the journal as it was at the kill is replayed once more into the same secondary
    Map<String, Node> once = all(secondary);
    replay(copy, secondary);

    // then: nothing changed
    assertThat(all(secondary)).isEqualTo(once);
  }

  private String stderr() throws IOException {
    Path err = dir.resolve("child.err");
    return Files.exists(err) ? Files.readString(err) : "";
  }

  /** The state of each id after the acknowledged writes 0..lastAck. */
  private static Map<String, Optional<Node>> expected(int lastAck) {
    Map<String, Optional<Node>> state = new HashMap<>();
    for (int i = 0; i <= lastAck + 1; i++) {
      state.putIfAbsent(DualWriteCrashChild.id(i), Optional.empty());
    }
    for (int i = 0; i <= lastAck; i++) {
      state.put(DualWriteCrashChild.id(i), DualWriteCrashChild.isDelete(i)
          ? Optional.empty() : Optional.of(DualWriteCrashChild.node(i)));
    }
    return state;
  }

  private static void replay(Path journal, InMemoryGraphDatabase secondary) {
    try (FileDeadLetterQueue dlq = FileDeadLetterQueue.open(journal);
        DualWriteCoordinator dual = DualWriteCoordinator.builder(InMemoryGraphDatabase.named("unused"),
                new NonClosing(secondary))
            .name("replay")
            .deadLetters(dlq)
            .retryInterval(Duration.ofDays(1))
            .build()) {
      assertThat(dlq.size()).isPositive();
      for (int round = 0; round < 1000 && dlq.size() > 0; round++) {
        dual.retryDue();
      }
      assertThat(dlq.size()).as("the journal replayed completely; left: %s %s", dlq.pending(5), dlq.parked(5))
          .isZero();
    }
  }

  private static Map<String, Node> all(InMemoryGraphDatabase db) {
    Map<String, Node> all = new HashMap<>();
    ScanRequest request = ScanRequest.all(1000);
    while (true) {
      ScanPage<Node> page = db.scanNodes(request);
      page.items().forEach(n -> all.put(n.id(), n));
      if (page.next().isEmpty()) {
        return all;
      }
      request = request.after(page.next().get());
    }
  }

  /** Keeps the test's secondary open when the replaying coordinator closes what it wraps. */
  private static final class NonClosing extends ForwardingGraphDatabase {
    NonClosing(InMemoryGraphDatabase delegate) {
      super(delegate);
    }

    @Override
    public void close() {}
  }

}
