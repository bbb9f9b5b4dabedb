package dev.graphshift.engram.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.graphshift.AuthenticationException;
import dev.graphshift.DatabaseException;
import dev.graphshift.DatabaseUnavailableException;
import dev.graphshift.GraphShiftException;
import dev.graphshift.Retryable;
import dev.graphshift.TransientDatabaseException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.LongAdder;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP transport of the Engram adapter over the JDK {@link HttpClient}: one place that adds the
 * space and authentication headers, bounds the requests in flight, times requests out, retries what may
 * pass and translates every failure into GraphShift's exceptions.
 *
 * <p><b>Design.</b> A fair {@link Semaphore} of {@code inFlight} permits bounds the requests on the wire:
 * a caller takes a permit before {@link HttpClient#sendAsync} and the response (or failure) returns it,
 * so a batch of any size never has more than {@code inFlight} requests outstanding and the caller thread
 * blocks, rather than queueing without bound, when the window is full. Responses complete on the
 * client's executor. {@link #runAll} sends a whole list within the window, then retries the requests
 * whose failure is {@link Retryable} in waves, waiting between waves with exponential backoff (doubling
 * from {@code initialBackoff}, at most {@code maxBackoff}) or the server's {@code Retry-After} if longer
 * (still at most {@code maxBackoff}); a request is given up after {@code maxAttempts} attempts, its last
 * failure carrying the earlier ones as suppressed exceptions. Nothing here is ordered between requests:
 * the callers send only requests that do not depend on each other. Every wait is bounded by the
 * request timeout and the backoff limits.
 *
 * <p>The API key is held only to build the {@code Authorization} header; it never appears in a message,
 * a log line or {@code toString}.
 *
 * <p>Thread-safe.
 */
public final class EngramHttp {
  private static final Logger log = LoggerFactory.getLogger(EngramHttp.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_ERROR_TEXT = 300;

  /** One request: method, path with query, the space it addresses, a JSON body, and what it is for. Immutable. */
  public record Request(String method, String pathAndQuery, Optional<String> space, byte @Nullable [] body,
      List<String> recordIds, String what) {
    public Request {
      recordIds = List.copyOf(recordIds);
    }

    public static Request get(String pathAndQuery, Optional<String> space, List<String> recordIds, String what) {
      return new Request("GET", pathAndQuery, space, null, recordIds, what);
    }

    public static Request post(String path, Optional<String> space, byte[] body, List<String> recordIds, String what) {
      return new Request("POST", path, space, body, recordIds, what);
    }
  }

  /** A response: status, body text, and the {@code Retry-After} delay if the server sent one. Immutable. */
  public record Response(int status, String body, Optional<Duration> retryAfter) {}

  /** Turns the response to a request into a result, or throws {@link Failure} for one that is an error. */
  @FunctionalInterface
  public interface Handler<R> {
    R handle(Request request, Response response);
  }

  /** Told of every retry, for events, logs and metrics. */
  @FunctionalInterface
  public interface RetryObserver {
    void retrying(Request request, int failedAttempt, Duration delay, GraphShiftException failure);
  }

  /** Waits between retry waves; tests inject one that records instead of sleeping. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  /**
   * A failed request, carried through futures: the translated exception and the server's {@code
   * Retry-After}. Not thread-safe; confine to one thread.
   */
  public static final class Failure extends RuntimeException {
    private final GraphShiftException exception;
    private final Optional<Duration> retryAfter;

    public Failure(GraphShiftException exception, Optional<Duration> retryAfter) {
      super(exception.getMessage(), exception, false, false);
      this.exception = exception;
      this.retryAfter = retryAfter;
    }

    public GraphShiftException exception() {
      return exception;
    }
  }

  /** The result of one request of {@link #runAll}: a value or the final failure. Immutable. */
  public record Outcome<R>(@Nullable R value, @Nullable GraphShiftException failure, int attempts) {
    public boolean succeeded() {
      return failure == null;
    }
  }

  private final String database;
  private final String base;
  private final HttpClient client;
  private final @Nullable String authorization;
  private final Duration requestTimeout;
  private final Semaphore window;
  private final int maxAttempts;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final RetryObserver observer;
  private final Sleeper sleeper;
  private final LongAdder requests = new LongAdder();
  private final LongAdder failedRequests = new LongAdder();

  /**
   * Creates the transport.
   *
   * @param apiKey the bearer key, or null for none
   */
  public EngramHttp(String database, URI baseUri, HttpClient client, @Nullable String apiKey, Duration requestTimeout,
      int inFlight, int maxAttempts, Duration initialBackoff, Duration maxBackoff, RetryObserver observer,
      Sleeper sleeper) {
    this.database = database;
    String b = baseUri.toString();
    this.base = b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
    this.client = client;
    this.authorization = apiKey == null ? null : "Bearer " + apiKey;
    this.requestTimeout = requestTimeout;
    this.window = new Semaphore(inFlight, true);
    this.maxAttempts = maxAttempts;
    this.initialBackoff = initialBackoff;
    this.maxBackoff = maxBackoff;
    this.observer = observer;
    this.sleeper = sleeper;
  }

  /** The name of the database, for exceptions. */
  public String database() {
    return database;
  }

  /** HTTP requests sent so far. */
  public long requests() {
    return requests.sum();
  }

  /** Requests that failed (each attempt counts). */
  public long failedRequests() {
    return failedRequests.sum();
  }

  /** Sends one request (retrying as {@link #runAll} does) and returns its result or throws its failure. */
  public <R> R run(Request request, Handler<R> handler) {
    Outcome<R> outcome = runAll(List.of(request), handler).get(0);
    if (outcome.failure() != null) {
      throw outcome.failure();
    }
    return outcome.value();
  }

  /**
   * Sends every request within the in-flight window, retries retryable failures in waves, and returns
   * one outcome per request, in order.
   */
  public <R> List<Outcome<R>> runAll(List<Request> batch, Handler<R> handler) {
    int n = batch.size();
    List<Outcome<R>> outcomes = new ArrayList<>(n);
    @SuppressWarnings("unchecked")
    List<GraphShiftException>[] attempts = new List[n];
    for (int i = 0; i < n; i++) {
      outcomes.add(null);
    }
    List<Integer> pending = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      pending.add(i);
    }
    for (int attempt = 1; !pending.isEmpty(); attempt++) {
      List<CompletableFuture<R>> futures = new ArrayList<>(pending.size());
      for (int index : pending) {
        Request request = batch.get(index);
        futures.add(send(request).thenApply(response -> handler.handle(request, response)));
      }
      List<Integer> retry = new ArrayList<>();
      Duration delay = backoff(attempt);
      GraphShiftException lastRetryable = null;
      for (int k = 0; k < pending.size(); k++) {
        int index = pending.get(k);
        try {
          outcomes.set(index, new Outcome<>(futures.get(k).get(), null, attempt));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new GraphShiftException(database, "interrupted while waiting for Engram ("
              + batch.get(index).what() + ")", e);
        } catch (ExecutionException e) {
          failedRequests.increment();
          Failure failure = failure(e.getCause(), batch.get(index));
          GraphShiftException ex = failure.exception();
          if (Retryable.isRetryable(ex) && attempt < maxAttempts) {
            if (attempts[index] == null) {
              attempts[index] = new ArrayList<>();
            }
            attempts[index].add(ex);
            retry.add(index);
            lastRetryable = ex;
            if (failure.retryAfter.isPresent() && failure.retryAfter.get().compareTo(delay) > 0) {
              delay = min(failure.retryAfter.get(), maxBackoff);
            }
          } else {
            if (attempts[index] != null) {
              for (GraphShiftException earlier : attempts[index]) {
                ex.addSuppressed(earlier);
              }
            }
            outcomes.set(index, new Outcome<>(null, ex, attempt));
          }
        }
      }
      if (!retry.isEmpty()) {
        log.warn("graphshift.engram.retrying name={} requests={} attempt={} delay_ms={} cause={}", database,
            retry.size(), attempt, delay.toMillis(), lastRetryable.getMessage());
        for (int index : retry) {
          observer.retrying(batch.get(index), attempt, delay, attempts[index].get(attempts[index].size() - 1));
        }
        try {
          sleeper.sleep(delay);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new GraphShiftException(database, "interrupted while backing off before retrying Engram", e);
        }
      }
      pending = retry;
    }
    return outcomes;
  }

  /** The delay before retry wave {@code attempt + 1}: exponential from the initial backoff, capped. */
  Duration backoff(int attempt) {
    long factor = 1L << Math.min(attempt - 1, 30);
    Duration d = initialBackoff.multipliedBy(factor);
    return min(d.isNegative() ? maxBackoff : d, maxBackoff);
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private CompletableFuture<Response> send(Request request) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + request.pathAndQuery()))
        .timeout(requestTimeout)
        .header("Accept", "application/json");
    request.space().ifPresent(space -> b.header("X-Memory-Space", space).header("X-Memory-Space-Id", space));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    if (request.body() != null) {
      b.header("Content-Type", "application/json").method(request.method(),
          HttpRequest.BodyPublishers.ofByteArray(request.body()));
    } else {
      b.method(request.method(), HttpRequest.BodyPublishers.noBody());
    }
    HttpRequest httpRequest = b.build();
    try {
      window.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GraphShiftException(database, "interrupted while waiting for a free slot to send to Engram", e);
    }
    requests.increment();
    CompletableFuture<HttpResponse<String>> future;
    try {
      future = client.sendAsync(httpRequest, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      window.release();
      throw e;
    }
    return future.whenComplete((response, error) -> window.release())
        .thenApply(r -> new Response(r.statusCode(), r.body(), retryAfter(r)));
  }

  private static Optional<Duration> retryAfter(HttpResponse<?> response) {
    return response.headers().firstValue("Retry-After").flatMap(v -> {
      try {
        long seconds = Long.parseLong(v.strip());
        return seconds >= 0 ? Optional.of(Duration.ofSeconds(seconds)) : Optional.empty();
      } catch (NumberFormatException e) {
        log.debug("graphshift.engram.retry_after_unparsed value={}", v);
        return Optional.empty();
      }
    });
  }

  private Failure failure(@Nullable Throwable t, Request request) {
    Throwable cause = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    if (cause instanceof Failure f) {
      return f;
    }
    return new Failure(transportFailure(cause, request), Optional.empty());
  }

  private GraphShiftException transportFailure(@Nullable Throwable cause, Request request) {
    String where = " while " + request.what() + " (" + request.method() + " " + base + pathOnly(request) + ")";
    if (causedBy(cause, HttpConnectTimeoutException.class) || causedBy(cause, ConnectException.class)
        || causedBy(cause, UnresolvedAddressException.class) || causedBy(cause, UnknownHostException.class)) {
      return new DatabaseUnavailableException(database, "cannot reach Engram: " + describe(cause) + where,
          request.recordIds(), cause);
    }
    if (causedBy(cause, HttpTimeoutException.class)) {
      return new TransientDatabaseException(database, "Engram did not answer within " + requestTimeout + where,
          request.recordIds(), cause);
    }
    if (causedBy(cause, SSLException.class)) {
      return new DatabaseException(database, "the TLS handshake with Engram failed: " + describe(cause)
          + "; check the SSLContext and the server certificate" + where, request.recordIds(), cause);
    }
    if (causedBy(cause, IOException.class)) {
      return new TransientDatabaseException(database, "I/O failure talking to Engram: " + describe(cause) + where,
          request.recordIds(), cause);
    }
    if (cause instanceof GraphShiftException g) {
      return g;
    }
    return new DatabaseException(database, "unexpected failure talking to Engram: " + describe(cause) + where,
        request.recordIds(), cause);
  }

  private static String pathOnly(Request request) {
    int q = request.pathAndQuery().indexOf('?');
    return q < 0 ? request.pathAndQuery() : request.pathAndQuery().substring(0, q);
  }

  private static boolean causedBy(@Nullable Throwable t, Class<? extends Throwable> type) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (type.isInstance(c)) {
        return true;
      }
    }
    return false;
  }

  private static String describe(@Nullable Throwable t) {
    if (t == null) {
      return "unknown failure";
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getClass().getSimpleName() + ": " + t.getMessage();
  }

  /**
   * The failure a non-success response stands for, from its status and Engram's error body ({@code
   * error.code}, {@code error.message}) or axum's plain-text rejection: 401 and 403 are {@link
   * AuthenticationException}s; 408, 429 and 5xx other than 501 are {@link TransientDatabaseException}s
   * (a 503 carries its {@code Retry-After}); every other status is a permanent {@link DatabaseException}
   * naming the records.
   */
  public Failure statusFailure(Response response, Request request) {
    int status = response.status();
    String detail = errorDetail(response);
    String message = "Engram answered " + status + " " + detail + " while " + request.what();
    GraphShiftException ex;
    if (status == 401 || status == 403) {
      ex = new AuthenticationException(database, message + " (check the API key and its allowed spaces)", null);
    } else if (status == 408 || status == 429 || (status >= 500 && status != 501)) {
      ex = new TransientDatabaseException(database, message, request.recordIds(), null);
    } else {
      ex = new DatabaseException(database, message, request.recordIds(), null);
    }
    return new Failure(ex, response.retryAfter());
  }

  private static String errorDetail(Response response) {
    String body = response.body();
    try {
      JsonNode root = body.isBlank() ? null : JSON.readTree(body);
      JsonNode error = root == null ? null : root.get("error");
      if (error != null && error.isObject()) {
        return error.path("code").asText("?") + ": " + truncate(error.path("message").asText(""));
      }
    } catch (IOException e) {
      log.trace("graphshift.engram.error_body_not_json status={}", response.status());
    }
    return body.isBlank() ? "(no body)" : "(" + truncate(body.strip()) + ")";
  }

  private static String truncate(String s) {
    return s.length() <= MAX_ERROR_TEXT ? s : s.substring(0, MAX_ERROR_TEXT) + "...";
  }

  @Override
  public String toString() {
    return "EngramHttp[" + base + ", in flight " + window.availablePermits() + " free"
        + (authorization == null ? "" : ", authenticated") + "]";
  }
}
