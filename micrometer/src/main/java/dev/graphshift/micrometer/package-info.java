/**
 * Micrometer meters for GraphShift, the optional binding that core never depends on. One binder per
 * component ({@link dev.graphshift.micrometer.DualWriteMetricsBinder}, {@link
 * dev.graphshift.micrometer.ShadowReadMetricsBinder}, ...) registers function counters and gauges that
 * read the component's {@code metrics()} snapshot; {@link dev.graphshift.micrometer.MeteringListener},
 * registered on the components' builders, feeds timers from the events that carry durations. Every
 * meter name is a constant of {@link dev.graphshift.micrometer.GraphShiftMeters} under {@code
 * graphshift.}, documented in {@code docs/metrics.md}; every meter is tagged with the component's name.
 * The adapters' binders are separate classes over optional dependencies, so using this module never
 * brings a database driver onto the classpath.
 */
@NullMarked
package dev.graphshift.micrometer;

import org.jspecify.annotations.NullMarked;
