package dev.graphshift.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.graphshift.ConfigurationException;
import dev.graphshift.config.YamlException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TargetsFileTest {
  @TempDir
  Path dir;

  private Path write(String yaml) throws IOException {
    return Files.writeString(dir.resolve("graphshift.yaml"), yaml);
  }

  @Test
  void shouldReadTheTargetsInTheOrderOfTheFile() throws IOException {
    // given
    Path file = write("""
        targets:
          source:
            database: neo4j
            uri: neo4j://localhost:7687
            password: ${NEO4J_PASSWORD}
          neptune:
            database: neptune
            mode: database
            host: db.example.com
          engram:
            database: engram
            url: http://localhost:7432
          scratch:
            database: memory
        mapping: mapping.yaml
        """);

    // when
    TargetsFile targets = TargetsFile.load(file);

    // then
    assertThat(targets.names()).containsExactly("source", "neptune", "engram", "scratch");
    assertThat(targets.target("neptune", "--to").kind()).isEqualTo(TargetKind.NEPTUNE);
    assertThat(targets.target("source", "--from").values()).containsEntry("password", "${NEO4J_PASSWORD}");
    assertThat(targets.directory()).isEqualTo(dir.toAbsolutePath());
  }

  @Test
  void shouldNameTheFileAndThePathOfWhatIsWrong() throws IOException {
    assertThatThrownBy(() -> TargetsFile.load(write("targets:\n  a:\n    database: mongo\n")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("graphshift.yaml: targets.a.database: unknown database 'mongo' (known: engram, memory, neo4j, neptune)");
    assertThatThrownBy(() -> TargetsFile.load(write("targets:\n  a:\n    database: neptune\n    host: h\n")))
        .hasMessageContaining("targets.a: the key 'mode' is required");
    assertThatThrownBy(() -> TargetsFile.load(write("targets:\n  a:\n    database: memory\nmappings: m.yaml\n")))
        .hasMessageContaining("mappings: unknown key (allowed here: embedder, mapping, targets)");
    assertThatThrownBy(() -> TargetsFile.load(write("targets:\n\ta: 1\n")))
        .hasCauseInstanceOf(YamlException.class).hasMessageContaining("line 2");
  }

  @Test
  void shouldNameAnUnknownTargetAndTheKnownOnes() throws IOException {
    // given
    TargetsFile targets = TargetsFile.load(write("targets:\n  b:\n    database: memory\n  a:\n    database: memory\n"));

    // then
    assertThatThrownBy(() -> targets.target("c", "--to")).isInstanceOf(ConfigurationException.class)
        .hasMessageEndingWith("unknown target 'c' (--to): " + dir.resolve("graphshift.yaml") + " defines the targets a, b");
  }
}
