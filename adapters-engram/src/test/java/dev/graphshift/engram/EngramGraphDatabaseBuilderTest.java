package dev.graphshift.engram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;

class EngramGraphDatabaseBuilderTest {
  private static final URI LOCAL = URI.create("http://localhost:7432");

  @Test
  void shouldExposeTheDefaultsWhenNothingIsSet() {
    // when
    EngramConfig config = EngramGraphDatabase.builder("engram", LOCAL).build().config();

    // then
    assertThat(config.name()).isEqualTo("engram");
    assertThat(config.partition()).isEqualTo(SpacePartition.fixed("default"));
    assertThat(config.authenticated()).isFalse();
    assertThat(config.tls()).isFalse();
    assertThat(config.connectTimeout()).isEqualTo(EngramGraphDatabase.DEFAULT_CONNECT_TIMEOUT);
    assertThat(config.requestTimeout()).isEqualTo(EngramGraphDatabase.DEFAULT_REQUEST_TIMEOUT);
    assertThat(config.inFlight()).isEqualTo(EngramGraphDatabase.DEFAULT_IN_FLIGHT);
    assertThat(config.confidence()).isEqualTo(0.7);
    assertThat(config.verification()).isEqualTo(Verification.sampled(0.01));
    assertThat(config.spaceCapacity()).isEqualTo(100_000);
    assertThat(config.maxAttempts()).isEqualTo(4);
    assertThat(config.embedder()).isFalse();
    assertThat(config.queryNames()).isEmpty();
  }

  @Test
  void shouldKeepTheKeyOutOfConfigAndToStringWhenAKeyIsSet() {
    // when
    EngramGraphDatabase db = EngramGraphDatabase.builder("engram", LOCAL).apiKey("engram_key_id_sup3rsecret").build();

    // then
    assertThat(db.config().authenticated()).isTrue();
    assertThat(db.config().toString()).doesNotContain("sup3rsecret");
    assertThat(db.toString()).doesNotContain("sup3rsecret");
  }

  @Test
  void shouldRejectBadValuesWithTheValueInTheMessage() {
    EngramGraphDatabase.Builder b = EngramGraphDatabase.builder("engram", LOCAL);
    assertThatThrownBy(() -> EngramGraphDatabase.builder(" ", LOCAL)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EngramGraphDatabase.builder("e", URI.create("ftp://host")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ftp://host");
    assertThatThrownBy(() -> EngramGraphDatabase.builder("e", URI.create("localhost:7432")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EngramGraphDatabase.builder("e", null)).isInstanceOf(NullPointerException.class)
        .hasMessage("baseUri");
    assertThatThrownBy(() -> b.inFlight(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0");
    assertThatThrownBy(() -> b.confidence(1.5)).hasMessageContaining("1.5");
    assertThatThrownBy(() -> b.requestTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.retry(0, Duration.ZERO, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.retry(2, Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.space("Default")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Default");
    assertThatThrownBy(() -> b.nearDuplicateWindow(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.spaceCapacity(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldRefuseAKeyWithALineBreakWithoutEchoingIt() {
    assertThatThrownBy(() -> EngramGraphDatabase.builder("e", LOCAL).apiKey("engram_key_a_b\r\nX-Evil: 1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("engram_key_a_b");
  }

  @Test
  void shouldNameTheEarlierSettingWhenSettingsConflict() {
    EngramGraphDatabase.Builder b = EngramGraphDatabase.builder("engram", LOCAL).space("people");
    assertThatThrownBy(() -> b.partition(SpacePartition.perLabel("neo4j")))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("space(people)");
    EngramGraphDatabase.Builder reads = EngramGraphDatabase.builder("engram", LOCAL).read("r", EngramRead.text("q"));
    assertThatThrownBy(() -> reads.read("r", EngramRead.text("other")))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("'r'");
  }

  @Test
  void shouldRefuseAnSslContextForPlainHttpWhenBuilding() throws Exception {
    EngramGraphDatabase.Builder b = EngramGraphDatabase.builder("engram", LOCAL).sslContext(SSLContext.getDefault());
    assertThatThrownBy(b::build).isInstanceOf(IllegalStateException.class).hasMessageContaining("http://localhost:7432");
  }

  @Test
  void shouldRegisterReadsAndExposeTheirNamesWhenBuilt() {
    EngramGraphDatabase db = EngramGraphDatabase.builder("engram", LOCAL)
        .read("similar", EngramRead.embedding("v").maxResults(3).threshold(0.8).space("people"))
        .build();
    assertThat(db.queryNames()).containsExactly("similar");
    assertThat(db.config().queryNames()).containsExactly("similar");
    assertThatThrownBy(() -> EngramRead.text("q").maxResults(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EngramRead.text("q").threshold(1.5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EngramRead.text("q").space("X")).isInstanceOf(IllegalArgumentException.class);
  }
}
