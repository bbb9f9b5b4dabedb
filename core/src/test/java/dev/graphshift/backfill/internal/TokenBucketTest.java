package dev.graphshift.backfill.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TokenBucketTest {
  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

  private TokenBucket bucket(double rate, double capacity) {
    return new TokenBucket(rate, capacity, nanos::get);
  }

  @Test
  void shouldHandOutTheBurstAtOnceAndThenRefuseWithoutWaiting() {
    // given
    TokenBucket bucket = bucket(100, 100);

    // when / then
    assertThat(bucket.tryAcquire(60)).isTrue();
    assertThat(bucket.tryAcquire(40)).isTrue();
    assertThat(bucket.tryAcquire(1)).isFalse();
    assertThat(bucket.available()).isZero();
  }

  @Test
  void shouldRefillAtTheRateUpToTheCapacity() {
    // given
    TokenBucket bucket = bucket(100, 100);
    bucket.tryAcquire(100);

    // when
    nanos.addAndGet(Duration.ofMillis(250).toNanos());

    // then
    assertThat(bucket.available()).isEqualTo(25.0, org.assertj.core.data.Offset.offset(1e-9));
    nanos.addAndGet(Duration.ofSeconds(10).toNanos());
    assertThat(bucket.available()).isEqualTo(100.0);
  }

  @Test
  void shouldReserveIntoDebtAndAnswerTheWaitForRequestsLargerThanTheBurst() {
    // given: a batch of 1 000 under 100 per second
    TokenBucket bucket = bucket(100, 100);

    // when
    Duration first = bucket.reserve(1000);
    Duration second = bucket.reserve(100);

    // then: the first waits for the 900 beyond the burst, the second queues behind that debt
    assertThat(first).isEqualTo(Duration.ofSeconds(9));
    assertThat(second).isEqualTo(Duration.ofSeconds(10));
    assertThat(bucket.tryAcquire(1)).isFalse();
    nanos.addAndGet(Duration.ofSeconds(10).toNanos());
    assertThat(bucket.tryAcquire(1)).isFalse();
    nanos.addAndGet(Duration.ofMillis(10).toNanos());
    assertThat(bucket.tryAcquire(1)).isTrue();
  }

  @Test
  void shouldNotWaitWhenTheBalanceCoversTheRequest() throws InterruptedException {
    // given
    TokenBucket bucket = bucket(10, 10);
    List<Duration> slept = new ArrayList<>();
    Sleeper sleeper = d -> {
      slept.add(d);
      nanos.addAndGet(d.toNanos());
    };

    // when
    Duration none = bucket.acquire(10, sleeper);
    Duration some = bucket.acquire(5, sleeper);

    // then
    assertThat(none).isZero();
    assertThat(some).isEqualTo(Duration.ofMillis(500));
    assertThat(slept).containsExactly(Duration.ofMillis(500));
  }

  @Test
  void shouldMintNothingWhenTheClockStepsBack() {
    // given
    TokenBucket bucket = bucket(100, 100);
    bucket.tryAcquire(100);

    // when
    nanos.addAndGet(-Duration.ofSeconds(5).toNanos());

    // then
    assertThat(bucket.available()).isZero();
  }

  @Test
  void shouldRejectABadRateOrCapacity() {
    assertThatThrownBy(() -> bucket(0, 1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0.0");
    assertThatThrownBy(() -> bucket(1, 0.5)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0.5");
    assertThatThrownBy(() -> bucket(1, 1).tryAcquire(-1)).isInstanceOf(IllegalArgumentException.class);
  }
}
