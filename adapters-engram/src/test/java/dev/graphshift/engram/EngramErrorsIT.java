package dev.graphshift.engram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.graphshift.AuthenticationException;
import dev.graphshift.DatabaseException;
import dev.graphshift.DatabaseUnavailableException;
import dev.graphshift.Node;
import dev.graphshift.Retryable;
import dev.graphshift.TransientDatabaseException;
import dev.graphshift.WriteResult;
import dev.graphshift.testing.engram.EngramStandIn;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the adapter meets Engram's failures: retries with backoff and {@code Retry-After}, permanent
 * errors naming the record, authentication, TLS, refused connections and timeouts. Retry waits are
 * recorded by an injected sleeper instead of being slept.
 */
class EngramErrorsIT extends AgainstStandIn {
  private static final String KEY = "engram_key_k1_t0p5ecret";
  private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
  private final List<RequestRetriedEvent> retried = new CopyOnWriteArrayList<>();

  private EngramGraphDatabase.Builder adapter(URI uri) {
    return EngramGraphDatabase.builder("engram-errors", uri).sleeper(sleeps::add).verification(Verification.none())
        .listener(new EngramListener() {
          @Override
          public void onRequestRetried(RequestRetriedEvent event) {
            retried.add(event);
          }
        });
  }

  private static Node node(String id) {
    return new Node(id, Set.of("Doc"), Map.of("embedding", HashEmbedder.vector(id.hashCode())));
  }

  @Test
  void shouldRetryAndHonourRetryAfterWhenEngramIsUnavailable() {
    // given: two 503s with Retry-After: 2, a backoff of 10 ms
    engram = EngramStandIn.builder().build().start();
    db = adapter(engram.baseUri()).retry(4, Duration.ofMillis(10), Duration.ofSeconds(5)).build();
    db.countNodes();
    engram.unavailableNext(2, Duration.ofSeconds(2));

    // when
    WriteResult result = db.upsertNode(node("a"));

    // then: the capacity check met both 503s and waited what the server asked
    assertThat(result.written()).isEqualTo(1);
    assertThat(sleeps).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(2));
    assertThat(retried).hasSize(2).allSatisfy(e -> {
      assertThat(e.delay()).isEqualTo(Duration.ofSeconds(2));
      assertThat(e.failure()).contains("503").contains("MEMORY_CLUSTER_UNAVAILABLE");
    });
    assertThat(retried).extracting(RequestRetriedEvent::failedAttempt).containsExactly(1, 2);
    assertThat(db.metrics().retries()).isEqualTo(2);
  }

  @Test
  void shouldCapTheRetryAfterAtTheLongestBackoffWhenTheServerAsksTooMuch() {
    // given
    engram = EngramStandIn.builder().build().start();
    db = adapter(engram.baseUri()).retry(3, Duration.ofMillis(10), Duration.ofMillis(500)).build();
    engram.unavailableNext(1, Duration.ofSeconds(30));

    // when
    long count = db.countNodes();

    // then
    assertThat(count).isZero();
    assertThat(sleeps).containsExactly(Duration.ofMillis(500));
  }

  @Test
  void shouldGiveUpWithEarlierAttemptsSuppressedWhenFailuresPersist() {
    // given: every remember answers 500
    engram = EngramStandIn.builder().build().start();
    db = adapter(engram.baseUri()).retry(3, Duration.ofMillis(1), Duration.ofMillis(4)).build();
    engram.failNextRemembers(10, 500);

    // when
    TransientDatabaseException failure = catchThrowableOfType(TransientDatabaseException.class,
        () -> db.upsertNodes(List.of(node("a"))));

    // then: three attempts, backoff 1 ms then 2 ms, the first two attached to the last
    assertThat(failure).isNotNull().isInstanceOf(Retryable.class);
    assertThat(failure.recordIds()).containsExactly("a");
    assertThat(failure.getMessage()).contains("500").contains("MEMORY_SYSTEM_ERROR").contains("node 'a'");
    assertThat(failure.getSuppressed()).hasSize(2).allSatisfy(s -> assertThat(s).hasMessageContaining("500"));
    assertThat(sleeps).containsExactly(Duration.ofMillis(1), Duration.ofMillis(2));
    assertThat(db.metrics().failedRequests()).isEqualTo(3);
  }

  @Test
  void shouldNameTheRecordAndNotRetryWhenEngramAnswers400() {
    // given
    engram = EngramStandIn.builder().build().start();
    db = adapter(engram.baseUri()).build();
    engram.failNextRemembers(1, 400);

    // when
    DatabaseException failure = catchThrowableOfType(DatabaseException.class,
        () -> db.upsertNodes(List.of(node("bad"))));

    // then
    assertThat(failure).isNotNull().isNotInstanceOf(Retryable.class);
    assertThat(failure.recordIds()).containsExactly("bad");
    assertThat(failure.getMessage()).contains("400").contains("INVALID_MEMORY_INPUT").contains("node 'bad'");
    assertThat(sleeps).isEmpty();
  }

  @Test
  void shouldWriteTheRestAndNameTheFailedRecordsWhenSomeRemembersOfABatchFail() {
    // given: one request at a time, so the first remember meets the fault
    engram = EngramStandIn.builder().build().start();
    db = adapter(engram.baseUri()).inFlight(1).build();
    engram.failNextRemembers(1, 422);

    // when
    DatabaseException failure = catchThrowableOfType(DatabaseException.class,
        () -> db.upsertNodes(List.of(node("a"), node("b"))));

    // then
    assertThat(failure).isNotNull().isNotInstanceOf(Retryable.class);
    assertThat(failure.recordIds()).containsExactly("a");
    assertThat(failure.getMessage()).contains("422").contains("MEMORY_VALIDATION_ERROR");
    assertThat(db.getNode("b")).isPresent();
    assertThat(db.getNode("a")).isEmpty();
  }

  @Test
  void shouldThrowOneExceptionNamingEveryFailedRecordWhenSeveralFail() {
    // given
    engram = EngramStandIn.builder().build().start();
    db = adapter(engram.baseUri()).retry(1, Duration.ZERO, Duration.ZERO).build();
    engram.failNextRemembers(3, 503);

    // when
    TransientDatabaseException failure = catchThrowableOfType(TransientDatabaseException.class,
        () -> db.upsertNodes(List.of(node("a"), node("b"), node("c"), node("d"))));

    // then
    assertThat(failure).isNotNull().isNotInstanceOf(DatabaseUnavailableException.class);
    assertThat(failure.recordIds()).hasSize(3).isSubsetOf("a", "b", "c", "d");
    assertThat(failure.getMessage()).startsWith("[engram-errors] 3 of 4 requests failed");
    assertThat(failure.getSuppressed()).hasSize(2);
    assertThat(db.metrics().remembered()).isEqualTo(1);
  }

  @Test
  void shouldAuthenticateWithTheBearerKeyWhenAuthIsOn() {
    // given
    engram = EngramStandIn.builder().apiKey(KEY, Set.of("default")).build().start();
    db = adapter(engram.baseUri()).apiKey(KEY).build();

    // when
    WriteResult result = db.upsertNode(node("a"));

    // then
    assertThat(result.written()).isEqualTo(1);
    assertThat(db.getNode("a")).isPresent();
    assertThat(db.config().authenticated()).isTrue();
    assertThat(db.config().toString()).doesNotContain("t0p5ecret");
    assertThat(db.toString()).doesNotContain("t0p5ecret");
  }

  @Test
  void shouldThrowAuthenticationWithoutTheSecretWhenTheKeyIsWrongOrMissing() {
    // given
    engram = EngramStandIn.builder().apiKey(KEY).build().start();
    EngramGraphDatabase wrong = adapter(engram.baseUri()).apiKey("engram_key_k1_wr0ng").build();
    db = adapter(engram.baseUri()).build();

    // then
    assertThatThrownBy(() -> wrong.upsertNode(node("a")))
        .isInstanceOf(AuthenticationException.class)
        .isNotInstanceOf(Retryable.class)
        .hasMessageContaining("401").hasMessageContaining("Invalid API key format or value")
        .hasMessageNotContaining("wr0ng");
    assertThatThrownBy(() -> db.countNodes())
        .isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("Missing Authorization header");
    assertThat(sleeps).isEmpty();
    wrong.close();
  }

  @Test
  void shouldThrowAuthenticationWhenTheKeyMayNotUseTheSpace() {
    // given
    engram = EngramStandIn.builder().apiKey(KEY, Set.of("team_a")).build().start();
    db = adapter(engram.baseUri()).apiKey(KEY).space("team_b").build();

    // then
    assertThatThrownBy(() -> db.countNodes())
        .isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("403").hasMessageContaining("team_b");
  }

  @Test
  void shouldTalkTlsWhenGivenAContextThatTrustsTheServer(@TempDir Path dir) throws Exception {
    // given
    SelfSignedTls tls = SelfSignedTls.create(dir);
    engram = EngramStandIn.builder().tls(tls.server).build().start();
    db = adapter(engram.baseUri()).sslContext(tls.client).build();
    EngramGraphDatabase untrusting = adapter(engram.baseUri()).retry(1, Duration.ZERO, Duration.ZERO).build();

    // when
    WriteResult result = db.upsertNode(node("a"));

    // then
    assertThat(engram.baseUri().getScheme()).isEqualTo("https");
    assertThat(result.written()).isEqualTo(1);
    assertThat(db.getNode("a")).isPresent();
    assertThat(db.config().tls()).isTrue();
    assertThatThrownBy(untrusting::countNodes)
        .isInstanceOf(DatabaseException.class)
        .isNotInstanceOf(Retryable.class)
        .hasMessageContaining("TLS");
    untrusting.close();
  }

  @Test
  void shouldReportUnavailableAfterRetriesWhenNothingListens() {
    // given
    engram = EngramStandIn.builder().build().start();
    URI gone = engram.baseUri();
    engram.close();
    db = adapter(gone).retry(3, Duration.ofMillis(1), Duration.ofMillis(10)).build();

    // when
    DatabaseUnavailableException failure = catchThrowableOfType(DatabaseUnavailableException.class,
        () -> db.getNode("a"));

    // then
    assertThat(failure).isNotNull().isInstanceOf(Retryable.class);
    assertThat(failure.getMessage()).contains("cannot reach Engram").contains("node 'a'");
    assertThat(failure.getSuppressed()).hasSize(2);
    assertThat(sleeps).hasSize(2);
  }

  @Test
  void shouldTimeOutWhenEngramDoesNotAnswerInTime() {
    // given
    engram = EngramStandIn.builder().build().start();
    engram.latency(Duration.ofSeconds(3));
    db = adapter(engram.baseUri()).requestTimeout(Duration.ofMillis(200)).retry(1, Duration.ZERO, Duration.ZERO).build();

    // then
    assertThatThrownBy(() -> db.countNodes())
        .isInstanceOf(TransientDatabaseException.class)
        .isNotInstanceOf(DatabaseUnavailableException.class)
        .hasMessageContaining("did not answer within PT0.2S");
  }
}
