package dev.graphshift.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.graphshift.ConfigurationException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigSectionTest {
  private final ConfigSection root = ConfigSection.root(Yaml.parseMapping("""
      name: copy
      batch: 500
      ratio: 2
      share: 0.5
      dry-run: true
      targets: [neptune, engram]
      single: neptune
      source:
        uri: bolt://localhost:7687
        limits:
          rate: 100
      """));

  @Test
  void shouldReadTypedValuesAndNestedSections() {
    // expect
    assertThat(root.string("name")).isEqualTo("copy");
    assertThat(root.optionalLong("batch")).contains(500L);
    assertThat(root.optionalDouble("ratio")).contains(2.0);
    assertThat(root.optionalDouble("share")).contains(0.5);
    assertThat(root.optionalBoolean("dry-run")).contains(true);
    assertThat(root.strings("targets")).containsExactly("neptune", "engram");
    assertThat(root.strings("single")).containsExactly("neptune");
    assertThat(root.strings("absent")).isEmpty();
    assertThat(root.optionalString("absent")).isEmpty();
    assertThat(root.section("source").optionalSection("limits").orElseThrow().optionalLong("rate")).contains(100L);
    assertThat(root.section("source").section("limits").path()).isEqualTo("source.limits");
    assertThat(root.keys()).containsExactly("name", "batch", "ratio", "share", "dry-run", "targets", "single", "source");
  }

  @Test
  void shouldNameThePathWhenAValueHasTheWrongType() {
    // expect
    assertThatThrownBy(() -> root.section("source").section("limits").string("rate"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("source.limits.rate: expected a string, found a integer (100)");
    assertThatThrownBy(() -> root.optionalLong("name"))
        .hasMessage("name: expected an integer, found a string (copy)");
    assertThatThrownBy(() -> root.section("name"))
        .hasMessage("name: expected a mapping of 'key: value', found a string");
    assertThatThrownBy(() -> root.strings("batch"))
        .hasMessage("batch: expected a list of strings, found a integer");
  }

  @Test
  void shouldNameTheSectionWhenARequiredKeyIsAbsent() {
    // expect
    assertThatThrownBy(() -> root.section("source").string("user"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("source: the key 'user' is required");
    assertThatThrownBy(() -> root.string("user")).hasMessage("the document: the key 'user' is required");
  }

  @Test
  void shouldRejectUnknownKeysListingTheAllowedOnes() {
    // expect
    assertThatThrownBy(() -> root.section("source").allowOnly(List.of("uri")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("source.limits: unknown key (allowed here: uri)");
  }

  @Test
  void shouldNameTheIndexOfABadListElement() {
    // given
    ConfigSection s = ConfigSection.root(Yaml.parseMapping("drop: [a, 1]"));

    // expect
    assertThatThrownBy(() -> s.strings("drop")).hasMessage("drop[1]: expected a string, found a integer");
  }
}
