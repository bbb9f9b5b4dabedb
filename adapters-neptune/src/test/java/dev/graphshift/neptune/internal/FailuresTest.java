package dev.graphshift.neptune.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graphshift.AuthenticationException;
import dev.graphshift.DatabaseException;
import dev.graphshift.DatabaseUnavailableException;
import dev.graphshift.Retryable;
import dev.graphshift.TransientDatabaseException;
import java.net.ConnectException;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.tinkerpop.gremlin.driver.exception.NoHostAvailableException;
import org.apache.tinkerpop.gremlin.driver.exception.ResponseException;
import org.apache.tinkerpop.gremlin.util.message.ResponseStatusCode;
import org.junit.jupiter.api.Test;

class FailuresTest {
  private static final String CME = "{\"code\":\"ConcurrentModificationException\",\"requestId\":\"1\","
      + "\"detailedMessage\":\"Failed to complete operation due to conflicting concurrent operations.\"}";

  @Test
  void shouldMarkNeptuneConflictsRetryableAndKeepTheIdsWhenTranslating() {
    // given
    ResponseException cme = new ResponseException(ResponseStatusCode.SERVER_ERROR, CME);

    // when
    DatabaseException e = Failures.translate("neptune", "upsert", new ExecutionException(cme), List.of("a", "b"));

    // then
    assertThat(e).isInstanceOf(TransientDatabaseException.class).hasCause(cme);
    assertThat(e.recordIds()).containsExactly("a", "b");
    assertThat(Failures.isConflict(cme)).isTrue();
  }

  @Test
  void shouldMarkOtherRetryableNeptuneErrorsRetryable() {
    for (String code : Failures.RETRYABLE_NEPTUNE_CODES) {
      ResponseException r = new ResponseException(ResponseStatusCode.SERVER_ERROR, "{\"code\":\"" + code + "\"}");
      assertThat(Failures.translate("n", "w", r, List.of())).as(code).isInstanceOf(Retryable.class);
    }
    ResponseException temporary = new ResponseException(ResponseStatusCode.SERVER_ERROR_TEMPORARY, "busy");
    assertThat(Failures.translate("n", "w", temporary, List.of())).isInstanceOf(Retryable.class);
  }

  @Test
  void shouldBePermanentWhenTheRequestIsMalformed() {
    ResponseException bad = new ResponseException(ResponseStatusCode.SERVER_ERROR,
        "{\"code\":\"MalformedQueryException\",\"detailedMessage\":\"no\"}");
    DatabaseException e = Failures.translate("n", "w", bad, List.of("x"));
    assertThat(e).isExactlyInstanceOf(DatabaseException.class).isNotInstanceOf(Retryable.class);
    assertThat(e.getMessage()).contains("MalformedQueryException").contains("x");
    assertThat(Failures.isConflict(bad)).isFalse();
  }

  @Test
  void shouldNameAuthenticationWhenTheServerRefusesCredentials() {
    ResponseException denied = new ResponseException(ResponseStatusCode.UNAUTHORIZED, "denied");
    assertThat(Failures.translate("n", "w", denied, List.of())).isInstanceOf(AuthenticationException.class)
        .isNotInstanceOf(Retryable.class);
  }

  @Test
  void shouldBeUnavailableWhenNoHostOrConnectionIsThere() {
    assertThat(Failures.translate("n", "w", new NoHostAvailableException(), List.of()))
        .isInstanceOf(DatabaseUnavailableException.class);
    assertThat(Failures.translate("n", "w", new ConnectException("refused"), List.of()))
        .isInstanceOf(DatabaseUnavailableException.class);
    assertThat(Failures.translate("n", "w", new TimeoutException(), List.of()))
        .isInstanceOf(TransientDatabaseException.class);
  }

  @Test
  void shouldBeUnavailableWhenThePoolTimedOutWaitingForAConnectionInsideARuntimeException() {
    // given: what the driver's pool throws while the server is stopped (the reliability suite's outage)
    RuntimeException wrapped = new RuntimeException(new TimeoutException("Timed-out (10000 MILLISECONDS) waiting "
        + "for connection on Host{address=localhost/127.0.0.1:8182}. Potential Cause: Connection refused"));

    // when
    DatabaseException e = Failures.translate("n", "upsert of 1 nodes", wrapped, List.of("n57"));

    // then: an outage, never a permanent failure (a dual write would park it)
    assertThat(e).isInstanceOf(DatabaseUnavailableException.class).hasCause(wrapped);
    assertThat(e.recordIds()).containsExactly("n57");
  }

  @Test
  void shouldFindTransportFailuresAlongTheCauseChain() {
    assertThat(Failures.translate("n", "w", new RuntimeException(new ConnectException("refused")), List.of()))
        .isInstanceOf(DatabaseUnavailableException.class);
    assertThat(Failures.translate("n", "w", new RuntimeException(new TimeoutException("request")), List.of()))
        .isInstanceOf(TransientDatabaseException.class);
    assertThat(Failures.translate("n", "w", new RuntimeException("something else"), List.of()))
        .isExactlyInstanceOf(DatabaseException.class);
  }
}
