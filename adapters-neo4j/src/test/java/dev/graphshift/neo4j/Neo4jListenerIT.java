package dev.graphshift.neo4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.graphshift.DatabaseException;
import dev.graphshift.Node;
import dev.graphshift.Rejected;
import dev.graphshift.Rules;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Listeners hear of writes and failures; a listener that throws never fails the write. */
class Neo4jListenerIT extends Neo4jTestSupport {

  private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

  /** Records every event. */
  static final class Recording implements Neo4jListener {
    final List<BatchWrittenEvent> written = new CopyOnWriteArrayList<>();
    final List<OperationFailedEvent> failed = new CopyOnWriteArrayList<>();

    @Override
    public void onBatchWritten(BatchWrittenEvent event) {
      written.add(event);
    }

    @Override
    public void onOperationFailed(OperationFailedEvent event) {
      failed.add(event);
    }
  }

  @Test
  void shouldReportWritesAndFailuresToEveryListenerWhenOneThrows() {
    // given
    Recording recording = new Recording();
    Neo4jListener throwing = new Neo4jListener() {
      @Override
      public void onBatchWritten(BatchWrittenEvent event) {
        throw new IllegalStateException("listener bug");
      }
    };
    try (Neo4jGraphDatabase db = adapter().listener(throwing).listener(recording)
        .clock(Clock.fixed(NOW, ZoneOffset.UTC)).query("bad", "MATCH (n RETURN n").build()) {

      // when
      var result = db.upsertNodes(List.of(Node.of("a", "P", Map.of()), Node.of("", "P", Map.of())));
      assertThatThrownBy(() -> db.query("bad", Map.of())).isInstanceOf(DatabaseException.class);

      // then
      assertThat(result.written()).isEqualTo(1);
      assertThat(recording.written).singleElement().satisfies(e -> {
        assertThat(e.database()).isEqualTo("neo4j-it");
        assertThat(e.at()).isEqualTo(NOW);
        assertThat(e.kind()).isEqualTo("node");
        assertThat(e.ids()).containsExactly("a", "");
        assertThat(e.written()).isEqualTo(1);
        assertThat(e.rejected()).extracting(Rejected::rule).containsExactly(Rules.ID_MISSING);
      });
      assertThat(recording.failed).singleElement().satisfies(e -> {
        assertThat(e.operation()).contains("bad");
        assertThat(e.failure()).isInstanceOf(DatabaseException.class);
      });
      assertThat(db.metrics().listenerFailures()).isEqualTo(1);
      assertThat(db.metrics().nodesWritten()).isEqualTo(1);
      assertThat(db.metrics().recordsRejected()).isEqualTo(1);
      assertThat(db.metrics().failures()).isEqualTo(1);
    }
  }
}
