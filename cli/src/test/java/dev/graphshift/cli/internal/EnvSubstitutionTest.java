package dev.graphshift.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.graphshift.ConfigurationException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EnvSubstitutionTest {
  private static final Map<String, String> ENV = Map.of("PASSWORD", "s3cret", "EMPTY", "", "PORT", "8182");
  private final EnvSubstitution substitution = new EnvSubstitution(name -> Optional.ofNullable(ENV.get(name)));

  @Test
  void shouldReplaceReferencesInStringValuesAtAnyDepth() {
    // given
    Map<String, Object> doc = Map.of("targets", Map.of("db", Map.of("password", "${PASSWORD}", "port", "${PORT}",
        "hosts", List.of("a-${PORT}", "b"), "batch_size", 10L)));

    // when
    EnvSubstitution.Result r = substitution.apply("", doc);

    // then
    assertThat(r.values()).isEqualTo(Map.of("targets", Map.of("db", Map.of("password", "s3cret", "port", "8182",
        "hosts", List.of("a-8182", "b"), "batch_size", 10L))));
    assertThat(r.references()).isEqualTo(Map.of("targets.db.password", "${PASSWORD}", "targets.db.port", "${PORT}",
        "targets.db.hosts[0]", "${PORT}"));
  }

  @Test
  void shouldUseTheDefaultWhenTheVariableIsUnsetOrEmpty() {
    assertThat(substitution.substitute("p", "${NOPE:-neo4j}", new java.util.ArrayList<>())).isEqualTo("neo4j");
    assertThat(substitution.substitute("p", "${EMPTY:-x}", new java.util.ArrayList<>())).isEqualTo("x");
    assertThat(substitution.substitute("p", "${PASSWORD:-x}", new java.util.ArrayList<>())).isEqualTo("s3cret");
    assertThat(substitution.substitute("p", "${EMPTY}", new java.util.ArrayList<>())).isEmpty();
  }

  @Test
  void shouldKeepEscapedAndPlainDollars() {
    assertThat(substitution.substitute("p", "$${PASSWORD} costs $5", new java.util.ArrayList<>()))
        .isEqualTo("${PASSWORD} costs $5");
  }

  @Test
  void shouldNameThePathAndTheVariableWhenItIsUnset() {
    assertThatThrownBy(() -> substitution.apply("targets.db", Map.of("password", "${NEO4J_PASSWORD}")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("targets.db.password: the environment variable NEO4J_PASSWORD is not set; set it, or give a "
            + "default: ${NEO4J_PASSWORD:-value}");
  }

  @Test
  void shouldRefuseMalformedReferencesWithoutShowingTheValue() {
    assertThatThrownBy(() -> substitution.apply("t", Map.of("password", "ab${PASSWORD")))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("t.password: a '${' has no closing '}'")
        .hasMessageNotContaining("ab");
    assertThatThrownBy(() -> substitution.apply("t", Map.of("password", "${1BAD}")))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("'${1BAD}' is not a valid reference");
  }
}
