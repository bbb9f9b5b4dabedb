package dev.graphshift.micrometer;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.TimeUnit;

/** Reads one meter of a registry, found by name and tags, failing when there is none. */
final class Meters {
  private Meters() {}

  /** The count of the function counter of this name and tags. */
  static double count(MeterRegistry registry, String name, String... tags) {
    return registry.get(name).tags(tags).functionCounter().count();
  }

  /** The value of the gauge of this name and tags. */
  static double gauge(MeterRegistry registry, String name, String... tags) {
    return registry.get(name).tags(tags).gauge().value();
  }

  /** The value of the time gauge of this name and tags, in milliseconds. */
  static double millis(MeterRegistry registry, String name, String... tags) {
    return registry.get(name).tags(tags).timeGauge().value(TimeUnit.MILLISECONDS);
  }
}
