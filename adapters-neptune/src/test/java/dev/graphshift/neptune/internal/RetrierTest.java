package dev.graphshift.neptune.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.graphshift.DatabaseException;
import dev.graphshift.TransientDatabaseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetrierTest {
  private final List<Duration> slept = new ArrayList<>();
  private final Retrier retrier = new Retrier(4, Duration.ofMillis(100), Duration.ofMillis(350), slept::add, 7L);

  private static DatabaseException translate(Throwable t) {
    return t instanceof IllegalStateException
        ? new TransientDatabaseException("db", "conflict: " + t.getMessage(), List.of("r1"), t)
        : new DatabaseException("db", "broken: " + t.getMessage(), List.of("r1"), t);
  }

  @Test
  void shouldGrowDelaysExponentiallyWithinTheCapWhenRetrying() {
    for (int i = 0; i < 50; i++) {
      assertThat(retrier.delay(1)).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
      assertThat(retrier.delay(2)).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
      assertThat(retrier.delay(3)).isBetween(Duration.ofMillis(175), Duration.ofMillis(350));
      assertThat(retrier.delay(30)).isBetween(Duration.ofMillis(175), Duration.ofMillis(350));
    }
  }

  @Test
  void shouldSucceedWhenAConflictPassesBeforeTheLastAttempt() {
    // given
    AtomicInteger calls = new AtomicInteger();
    List<Integer> observed = new ArrayList<>();

    // when
    String result = retrier.run(() -> {
      if (calls.incrementAndGet() < 3) {
        throw new IllegalStateException("CME");
      }
      return "ok";
    }, RetrierTest::translate, (attempt, delay, failure) -> observed.add(attempt));

    // then
    assertThat(result).isEqualTo("ok");
    assertThat(calls).hasValue(3);
    assertThat(observed).containsExactly(1, 2);
    assertThat(slept).hasSize(2);
  }

  @Test
  void shouldThrowTheLastFailureWithTheEarlierOnesSuppressedWhenRetriesRunOut() {
    // given
    AtomicInteger calls = new AtomicInteger();

    // then
    assertThatThrownBy(() -> retrier.run(() -> {
      throw new IllegalStateException("CME " + calls.incrementAndGet());
    }, RetrierTest::translate, (a, d, f) -> { }))
        .isInstanceOf(TransientDatabaseException.class)
        .hasMessageContaining("CME 4")
        .satisfies(e -> {
          assertThat(e.getSuppressed()).hasSize(3);
          assertThat(((DatabaseException) e).recordIds()).containsExactly("r1");
        });
    assertThat(calls).hasValue(4);
    assertThat(slept).hasSize(3);
  }

  @Test
  void shouldNotRetryWhenTheFailureIsPermanent() {
    // given
    AtomicInteger calls = new AtomicInteger();

    // then
    assertThatThrownBy(() -> retrier.run(() -> {
      calls.incrementAndGet();
      throw new IllegalArgumentException("malformed");
    }, RetrierTest::translate, (a, d, f) -> { }))
        .isExactlyInstanceOf(DatabaseException.class)
        .hasMessageContaining("malformed");
    assertThat(calls).hasValue(1);
    assertThat(slept).isEmpty();
  }
}
