package dev.graphshift.reliability;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The figures of one scenario run: put in order, then written as {@code <out>/<scenario>.json} (the
 * directory from {@code reliability.out}, {@code target/reliability} under failsafe) and printed on one
 * line, so that {@code docs/reliability.md} quotes what a run measured. Every file also records the
 * machine's load average at the end of the run: the build machine is shared.
 *
 * <p>Not thread-safe; confine to one thread.
 */
final class Figures {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final String scenario;
  private final Map<String, Object> values = new LinkedHashMap<>();

  Figures(String scenario) {
    this.scenario = scenario;
    values.put("scenario", scenario);
    values.put("at", Instant.now().toString());
  }

  /** Adds (or replaces) a figure; values are numbers, strings, booleans, lists or maps of them. */
  Figures put(String key, Object value) {
    values.put(key, value);
    return this;
  }

  /** Writes the figures and prints them; returns the file. */
  Path write() {
    values.put("cores", Runtime.getRuntime().availableProcessors());
    values.put("loadAverage", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    values.put("java", System.getProperty("java.version"));
    Path dir = Path.of(System.getProperty("reliability.out", "target/reliability"));
    Path file = dir.resolve(scenario + ".json");
    try {
      String json = JSON.writeValueAsString(values);
      Files.createDirectories(dir);
      Files.writeString(file, json + "\n", StandardCharsets.UTF_8);
      System.out.println("graphshift.reliability.figures " + JSON.copy().disable(SerializationFeature.INDENT_OUTPUT)
          .writeValueAsString(values));
      return file;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render the figures of " + scenario, e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
