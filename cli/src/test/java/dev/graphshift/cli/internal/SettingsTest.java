package dev.graphshift.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.graphshift.ConfigurationException;
import dev.graphshift.config.ConfigSection;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SettingsTest {

  private static Settings settings(Map<String, Object> values, Map<String, String> env) {
    EnvSubstitution.Result r = new EnvSubstitution(n -> Optional.ofNullable(env.get(n))).apply("targets.t", values);
    return new Settings(ConfigSection.of("targets.t", r.values()), r.references());
  }

  @Test
  void shouldParseDurationsWithTheirUnit() {
    assertThat(Settings.parseDuration("500ms")).contains(Duration.ofMillis(500));
    assertThat(Settings.parseDuration("30s")).contains(Duration.ofSeconds(30));
    assertThat(Settings.parseDuration("5m")).contains(Duration.ofMinutes(5));
    assertThat(Settings.parseDuration("1h")).contains(Duration.ofHours(1));
    assertThat(Settings.parseDuration("PT2S")).contains(Duration.ofSeconds(2));
    assertThat(Settings.parseDuration("30")).isEmpty();
    assertThat(Settings.parseDuration("-1s")).isEmpty();
    assertThat(Settings.parseDuration("PT-1S")).isEmpty();
  }

  @Test
  void shouldReadTypedValuesFromTheFileAndFromTheEnvironment() {
    // given
    Settings s = settings(Map.of("port", "${PORT}", "lanes", 4L, "tls", "${TLS}", "timeout", "${TIMEOUT}", "rate", "${RATE}"),
        Map.of("PORT", "8182", "TLS", "false", "TIMEOUT", "2s", "RATE", "0.5"));

    // then
    assertThat(s.optionalInt("port", 1, 65_535)).contains(8182);
    assertThat(s.optionalInt("lanes", 1, 64)).contains(4);
    assertThat(s.optionalBoolean("tls")).contains(false);
    assertThat(s.optionalDuration("timeout")).contains(Duration.ofSeconds(2));
    assertThat(s.optionalDouble("rate")).contains(0.5);
    assertThat(s.optionalInt("absent", 1, 2)).isEmpty();
  }

  @Test
  void shouldNameTheReferenceInsteadOfShowingAValueFromTheEnvironment() {
    // given
    Settings s = settings(Map.of("port", "${PORT}", "password", "${PASSWORD}", "tls", "${PORT}"),
        Map.of("PORT", "hunter2", "PASSWORD", " "));

    // then
    assertThatThrownBy(() -> s.optionalInt("port", 1, 65_535)).isInstanceOf(ConfigurationException.class)
        .hasMessage("targets.t.port: expected an integer, found the value of ${PORT}");
    assertThatThrownBy(() -> s.optionalBoolean("tls")).hasMessageNotContaining("hunter2").hasMessageContaining("${PORT}");
    assertThatThrownBy(() -> s.secret("password")).hasMessageContaining("targets.t.password: is empty");
  }

  @Test
  void shouldNotShowASecretWrittenAsANumber() {
    // given
    Settings s = settings(Map.of("password", 123456L), Map.of());

    // then
    assertThatThrownBy(() -> s.secret("password")).isInstanceOf(ConfigurationException.class)
        .hasMessage("targets.t.password: expected a string, found a integer (quote it)");
  }

  @Test
  void shouldCheckTheRangeOfIntegers() {
    assertThatThrownBy(() -> settings(Map.of("port", 70_000L), Map.of()).optionalInt("port", 1, 65_535))
        .hasMessage("targets.t.port: must be between 1 and 65535, found 70000");
  }
}
