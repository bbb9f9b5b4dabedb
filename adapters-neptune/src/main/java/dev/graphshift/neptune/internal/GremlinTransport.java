package dev.graphshift.neptune.internal;

import dev.graphshift.DatabaseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.tinkerpop.gremlin.driver.Client;
import org.apache.tinkerpop.gremlin.driver.RequestOptions;
import org.apache.tinkerpop.gremlin.driver.Result;
import org.apache.tinkerpop.gremlin.driver.ResultSet;
import org.apache.tinkerpop.gremlin.process.traversal.Bytecode;
import org.apache.tinkerpop.gremlin.process.traversal.Traverser;

/**
 * Sends bytecode requests over one aliased driver client: checks each against the dialect, bounds it
 * with a timeout, retries it through the {@link Retrier}, translates failures, and counts.
 *
 * <p>Design: a request is one call of the caller's thread (a lane's); nothing is queued here. The
 * driver's pool bounds connections and requests in flight per connection. Counters are atomics, read
 * without a lock into a snapshot, so a snapshot may mix values from either side of a request.
 *
 * <p>Thread-safe.
 */
public final class GremlinTransport {

  /** What happens around each attempt: called before a retry and when a request fails for good. */
  public interface Observer {
    void retrying(String what, int attempt, Duration delay, DatabaseException failure, List<String> ids);

    void failed(String what, DatabaseException failure, List<String> ids);
  }

  private final String database;
  private final Client client;
  private final Duration timeout;
  private final int maxSteps;
  private final Retrier retrier;
  private final Observer observer;

  final AtomicLong requests = new AtomicLong();
  final AtomicLong retries = new AtomicLong();
  final AtomicLong conflicts = new AtomicLong();
  final AtomicLong failed = new AtomicLong();
  final AtomicInteger maxStepsSeen = new AtomicInteger();
  final AtomicInteger inFlight = new AtomicInteger();

  public GremlinTransport(String database, Client client, Duration timeout, int maxSteps, Retrier retrier,
      Observer observer) {
    this.database = database;
    this.client = client;
    this.timeout = timeout;
    this.maxSteps = maxSteps;
    this.retrier = retrier;
    this.observer = observer;
  }

  /**
   * Sends a request, retrying what may pass, and answers its results.
   *
   * @param what a short description for messages, for example {@code upsert of 40 nodes}
   * @param ids the ids of the records the request carries, for messages and events
   * @throws DatabaseException when it fails for good (retryable kinds after the last attempt)
   */
  public List<Object> submit(String what, Bytecode bytecode, List<String> ids) {
    NeptuneDialect.checkRequest(bytecode, maxSteps);
    maxStepsSeen.accumulateAndGet(NeptuneDialect.steps(bytecode), Math::max);
    try {
      return retrier.run(() -> once(bytecode), failure -> {
        if (Failures.isConflict(failure)) {
          conflicts.incrementAndGet();
        }
        return Failures.translate(database, what, failure, ids);
      }, (attempt, delay, failure) -> {
        retries.incrementAndGet();
        observer.retrying(what, attempt, delay, failure, ids);
      });
    } catch (DatabaseException e) {
      failed.incrementAndGet();
      observer.failed(what, e, ids);
      throw e;
    }
  }

  private List<Object> once(Bytecode bytecode) throws Exception {
    requests.incrementAndGet();
    inFlight.incrementAndGet();
    CompletableFuture<ResultSet> submitted = null;
    try {
      RequestOptions options = RequestOptions.build().timeout(timeout.toMillis()).create();
      submitted = client.submitAsync(bytecode, options);
      long deadline = System.nanoTime() + timeout.toNanos();
      ResultSet results = submitted.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
      List<Result> all = results.all().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      List<Object> objects = new ArrayList<>(all.size());
      for (Result r : all) {
        Object o = r.getObject();
        if (o instanceof Traverser<?> t) {
          for (long n = t.bulk(); n > 0; n--) {
            objects.add(t.get());
          }
        } else {
          objects.add(o);
        }
      }
      return objects;
    } catch (java.util.concurrent.TimeoutException e) {
      if (submitted != null) {
        submitted.cancel(true);
      }
      throw e;
    } finally {
      inFlight.decrementAndGet();
    }
  }

  public long requests() {
    return requests.get();
  }

  public long retries() {
    return retries.get();
  }

  public long conflicts() {
    return conflicts.get();
  }

  public long failedRequests() {
    return failed.get();
  }

  public int maxStepsSeen() {
    return maxStepsSeen.get();
  }

  public int inFlight() {
    return inFlight.get();
  }
}
