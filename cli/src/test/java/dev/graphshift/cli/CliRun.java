package dev.graphshift.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs the command line in-process and keeps what it wrote; writes targets files. */
final class CliRun {
  private static final ObjectMapper JSON = new ObjectMapper();

  private CliRun() {}

  /** What one run answered and wrote. */
  record Result(int code, String out, String err) {
    /** Standard output and standard error together. */
    String all() {
      return out + err;
    }

    /** Every line of standard output, each parsed as a JSON object (fails on a line that is not one). */
    List<JsonNode> json() {
      List<JsonNode> lines = new ArrayList<>();
      for (String line : out.split("\n")) {
        if (line.isBlank()) {
          continue;
        }
        try {
          JsonNode node = JSON.readTree(line);
          if (!node.isObject()) {
            throw new AssertionError("not a JSON object: " + line);
          }
          lines.add(node);
        } catch (IOException e) {
          throw new AssertionError("not a JSON line: " + line, e);
        }
      }
      return lines;
    }

    /** The JSON lines whose {@code event} is this one. */
    List<JsonNode> events(String event) {
      return json().stream().filter(n -> n.path("event").asText().equals(event)).toList();
    }

    @Override
    public String toString() {
      return "exit " + code + "\n--- out\n" + out + "--- err\n" + err;
    }
  }

  static Result run(Cli cli, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
         PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      code = cli.run(args, o, e);
    }
    return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** Writes {@code graphshift.yaml} into the directory. */
  static Path targetsFile(Path dir, String yaml) {
    try {
      return Files.writeString(dir.resolve("graphshift.yaml"), yaml, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
