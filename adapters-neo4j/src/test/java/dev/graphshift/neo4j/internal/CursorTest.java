package dev.graphshift.neo4j.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CursorTest {

  @Test
  void shouldReadBackWhatItWrites() {
    Cursor cursor = new Cursor('n', 41, 9000, 256);
    assertThat(Cursor.parse(cursor.encode(), 'n')).isEqualTo(cursor);
    assertThat(cursor.encode()).isEqualTo("n1:41:9000:256");
  }

  @Test
  void shouldRejectACursorOfAnotherKindOrShape() {
    assertThatThrownBy(() -> Cursor.parse("n1:1:2:3", 'r')).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("relationship").hasMessageContaining("n1:1:2:3");
    assertThatThrownBy(() -> Cursor.parse("n1:x:2:3", 'n')).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Cursor.parse("garbage", 'n')).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Cursor('n', 1, 2, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
