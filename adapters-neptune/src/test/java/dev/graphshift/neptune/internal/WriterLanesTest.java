package dev.graphshift.neptune.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WriterLanesTest {
  private final ExecutorService pool = Executors.newFixedThreadPool(8);

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  @Test
  void shouldPutAnIdAlwaysInTheSameLane() {
    WriterLanes lanes = new WriterLanes(7, pool);
    for (int i = 0; i < 1_000; i++) {
      String id = "node-" + i;
      assertThat(lanes.laneOf(id)).isEqualTo(lanes.laneOf(new String(id))).isBetween(0, 6);
    }
  }

  @Test
  void shouldHaveAtMostOneRequestInFlightPerLaneWhenManyCallersWrite() {
    // given
    WriterLanes lanes = new WriterLanes(2, pool);
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger mostInFlight = new AtomicInteger();
    AtomicInteger requests = new AtomicInteger();
    Callable<Integer> request = () -> {
      mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      for (int i = 0; i < 20; i++) {
        Thread.yield();
      }
      inFlight.decrementAndGet();
      return requests.incrementAndGet();
    };

    // when: eight callers, each sending 200 requests to lane 0
    Map<Integer, Callable<Integer>> callers = new LinkedHashMap<>();
    for (int c = 0; c < 8; c++) {
      callers.put(c, () -> {
        for (int r = 0; r < 200; r++) {
          lanes.inLane(0, request);
        }
        return 0;
      });
    }
    lanes.runAll(callers);

    // then
    assertThat(requests).hasValue(1_600);
    assertThat(mostInFlight).hasValue(1);
  }
}
