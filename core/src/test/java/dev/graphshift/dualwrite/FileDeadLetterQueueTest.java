package dev.graphshift.dualwrite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.graphshift.ConfigurationException;
import dev.graphshift.Node;
import dev.graphshift.Relationship;
import dev.graphshift.WriteMode;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileDeadLetterQueueTest extends DeadLetterQueueContract {

  @TempDir
  Path dir;

  private Path journal() {
    return dir.resolve("queue.journal");
  }

  private FileDeadLetterQueue reopen() {
    return FileDeadLetterQueue.builder(journal()).fsync(FsyncPolicy.OS).minCompactionBytes(Long.MAX_VALUE).build();
  }

  @Override
  protected DeadLetterQueue openQueue() {
    return reopen();
  }

  @Test
  void shouldRestoreEveryEntryWithItsStateWhenReopened() {
    // given
    queue.append(List.of(failed(1, upsert("a", 1), T0), failed(2, upsert("b", 1), T0), failed(3, upsert("c", 1), T0),
        untried(4, new WriteOperation.DeleteRelationship("r9"))));
    queue.takeDue(T0, 2);
    queue.retryLater(Map.of(1L, T0.plusSeconds(30)), "attempt 2: timeout");
    queue.ack(List.of(2L));
    queue.park(List.of(3L), "permanent failure: auth");
    queue.append(List.of(untried(5, upsert("d", 1)), untried(6, upsert("d", 2))));

    // when
    queue.close();
    queue = reopen();

    // then
    assertThat(queue.size()).isEqualTo(4);
    assertThat(queue.get(1)).hasValueSatisfying(d -> {
      assertThat(d.attempts()).isEqualTo(2);
      assertThat(d.nextAttemptAt()).isEqualTo(T0.plusSeconds(30));
      assertThat(d.failures()).containsExactly("attempt 1: boom", "attempt 2: timeout");
      assertThat(d.state()).isEqualTo(DeadLetter.State.PENDING);
      assertThat(d.operation()).isEqualTo(upsert("a", 1));
    });
    assertThat(queue.get(2)).isEmpty();
    assertThat(queue.get(3)).map(DeadLetter::state).contains(DeadLetter.State.PARKED);
    assertThat(queue.get(4)).map(DeadLetter::operation).contains(new WriteOperation.DeleteRelationship("r9"));
    assertThat(queue.get(5)).map(DeadLetter::operation).as("coalesced before the crash").contains(upsert("d", 2));
    assertThat(queue.get(6)).isEmpty();
    assertThat(queue.highestSequence()).isEqualTo(5L);
  }

  @Test
  void shouldRecoverSendingEntriesAsPendingWhenReopened() {
    // given: an outbox entry whose send never finished
    queue.append(List.of(new NewDeadLetter(1, upsert("a", 1), List.of(OrderingKey.node("a")), 0, T0, T0, List.of(),
        DeadLetter.State.SENDING, false)));

    // when
    queue.close();
    queue = reopen();

    // then
    assertThat(queue.takeDue(T0, 10)).singleElement().satisfies(d -> assertThat(d.sequence()).isEqualTo(1L));
  }

  @Test
  void shouldSetATornLastRecordAsideAndKeepEverythingBeforeIt() throws IOException {
    // given
    queue.append(List.of(untried(1, upsert("a", 1))));
    queue.append(List.of(untried(2, upsert("b", 1))));
    queue.close();
    long size = Files.size(journal());
    try (FileChannel c = FileChannel.open(journal(), StandardOpenOption.WRITE)) {
      c.truncate(size - 3);
    }

    // when
    FileDeadLetterQueue reopened = reopen();
    queue = reopened;

    // then
    assertThat(queue.size()).isEqualTo(1);
    assertThat(queue.get(1)).isPresent();
    assertThat(reopened.metrics().tornBytes()).isPositive();
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("queue.journal.corrupt-"));
    }

    // when: appends after the recovery land on a clean end
    queue.append(List.of(untried(3, upsert("c", 1))));
    queue.close();
    queue = reopen();

    // then
    assertThat(queue.size()).isEqualTo(2);
    assertThat(queue.get(3)).map(DeadLetter::operation).contains(upsert("c", 1));
  }

  @Test
  void shouldStopAtACorruptChecksumWhenReopened() throws IOException {
    // given
    queue.append(List.of(untried(1, upsert("a", 1))));
    queue.append(List.of(untried(2, upsert("b", 1))));
    queue.close();
    byte[] bytes = Files.readAllBytes(journal());
    bytes[bytes.length - 2] ^= 0x5A;
    Files.write(journal(), bytes);

    // when
    queue = reopen();

    // then
    assertThat(queue.size()).isEqualTo(1);
    assertThat(queue.get(2)).isEmpty();
  }

  @Test
  void shouldCompactAtomicallyWhenMostOfTheJournalIsDead() {
    // given
    queue.close();
    FileDeadLetterQueue compacting = FileDeadLetterQueue.builder(journal()).fsync(FsyncPolicy.OS)
        .minCompactionBytes(0).compactionRatio(0.5).build();
    queue = compacting;
    for (int i = 0; i < 100; i++) {
      queue.append(List.of(untried(i, upsert("n" + i, i))));
    }
    long before = compacting.metrics().fileBytes();

    // when
    for (int i = 0; i < 90; i++) {
      queue.ack(List.of((long) i));
    }

    // then
    FileDeadLetterQueueMetrics m = compacting.metrics();
    assertThat(m.compactions()).isPositive();
    assertThat(m.fileBytes()).isLessThan(before / 2);
    assertThat(queue.size()).isEqualTo(10);
    assertThat(queue.get(95)).map(DeadLetter::operation).contains(upsert("n95", 95));

    // when
    queue.close();
    queue = reopen();

    // then
    assertThat(queue.size()).isEqualTo(10);
    assertThat(queue.pending(100)).extracting(DeadLetter::operation)
        .containsExactlyElementsOf(java.util.stream.IntStream.range(90, 100).mapToObj(i -> upsert("n" + i, i)).toList());
  }

  @Test
  void shouldReadBackEveryPropertyValueKindExactly() {
    // given
    Map<String, Object> props = new HashMap<>();
    props.put("string", "héllo ✓ \uD83D\uDE00");
    props.put("broken", "unpaired \uD800 surrogate");
    props.put("empty", "");
    props.put("true", true);
    props.put("false", false);
    props.put("long", Long.MIN_VALUE);
    props.put("double", -0.0);
    props.put("floats", new float[] {0.25f, -1.5f, Float.MIN_VALUE});
    props.put("doubles", new double[] {Double.MAX_VALUE, 1e-300});
    props.put("strings", List.of("a", "b"));
    props.put("booleans", List.of(true, false));
    props.put("longs", List.of(1L, -2L));
    props.put("doubleList", List.of(1.5, -2.5));
    props.put("emptyList", List.of());
    props.put("date", LocalDate.of(1815, 12, 10));
    props.put("localTime", LocalTime.of(23, 59, 59, 999_999_999));
    props.put("localDateTime", LocalDateTime.of(2024, 2, 29, 13, 45, 7, 123_000_000));
    props.put("time", OffsetTime.of(13, 45, 7, 0, ZoneOffset.ofHoursMinutes(5, 30)));
    props.put("dateTime", OffsetDateTime.of(2024, 2, 29, 13, 45, 7, 1, ZoneOffset.ofHours(-5)));
    props.put("zoned", ZonedDateTime.of(2024, 10, 27, 2, 30, 0, 0, ZoneId.of("Europe/Berlin")).withLaterOffsetAtOverlap());
    props.put("zonedOffset", ZonedDateTime.of(2024, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC));
    Node node = new Node("v1", Set.of("A", "B ✓"), props);
    Relationship rel = Relationship.of("r1", "T`", "v1", "v2", Map.of("w", 0.5, "tags", List.of("x")));
    queue.append(List.of(
        untried(1, new WriteOperation.UpsertNode(node, WriteMode.INSERT_IF_ABSENT)),
        untried(2, new WriteOperation.UpsertRelationship(rel, WriteMode.UPSERT))));

    // when
    queue.close();
    queue = reopen();

    // then
    assertThat(queue.get(1)).map(DeadLetter::operation).contains(new WriteOperation.UpsertNode(node,
        WriteMode.INSERT_IF_ABSENT));
    assertThat(queue.get(2)).map(DeadLetter::operation).contains(new WriteOperation.UpsertRelationship(rel,
        WriteMode.UPSERT));
    Node read = ((WriteOperation.UpsertNode) queue.get(1).orElseThrow().operation()).node();
    assertThat(read.properties().get("zoned")).isEqualTo(props.get("zoned"));
    assertThat(read.properties().get("broken")).isEqualTo("unpaired \uD800 surrogate");
  }

  @Test
  void shouldRefuseASecondQueueOnTheSameJournal() {
    assertThatThrownBy(this::reopen).isInstanceOf(ConfigurationException.class).hasMessageContaining("in use");
  }

  @Test
  void shouldForceEveryAppendWhenThePolicyIsEveryWrite() {
    // given
    queue.close();
    FileDeadLetterQueue strict = FileDeadLetterQueue.builder(journal()).fsync(FsyncPolicy.EVERY_WRITE).build();
    queue = strict;
    long before = strict.metrics().fsyncs();

    // when
    queue.append(List.of(untried(1, upsert("a", 1))));
    queue.append(List.of(untried(2, upsert("b", 1))));

    // then
    assertThat(strict.metrics().fsyncs() - before).isEqualTo(2);
  }

  @Test
  void shouldRejectConflictingFsyncSettings() {
    FileDeadLetterQueue.Builder b = FileDeadLetterQueue.builder(journal()).fsync(FsyncPolicy.EVERY_WRITE);
    assertThatThrownBy(() -> b.fsyncInterval(Duration.ofMillis(5))).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("EVERY_WRITE");
    assertThatThrownBy(() -> FileDeadLetterQueue.builder(journal()).fsyncInterval(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT0S");
    assertThatThrownBy(() -> FileDeadLetterQueue.builder(journal()).compactionRatio(1.0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1.0");
  }

  @Test
  void shouldRefuseAFileThatIsNotAJournal() throws IOException {
    // given
    queue.close();
    Files.writeString(journal(), "hello, this is not a journal");

    // when / then
    assertThatThrownBy(this::reopen).isInstanceOf(DeadLetterQueueException.class).hasMessageContaining("not a");
    queue = InMemoryDeadLetterQueue.create();
  }
}
