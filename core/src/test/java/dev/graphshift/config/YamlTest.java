package dev.graphshift.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class YamlTest {

  @Test
  void shouldReadNestedBlockMappingsAndSequencesInDocumentOrder() {
    // given
    String text = """
        # a comment line
        name: people   # a trailing comment
        nodes:
          labels:
            Person:
              drop: [password, "secret token"]
            Account:
              require:
                - email
                - name
        tags:
        - a
        - b
        """;

    // when
    Map<String, Object> doc = Yaml.parseMapping(text);

    // then
    assertThat(doc).containsOnlyKeys("name", "nodes", "tags");
    assertThat(doc.keySet()).containsExactly("name", "nodes", "tags");
    assertThat(doc.get("name")).isEqualTo("people");
    assertThat(doc.get("tags")).isEqualTo(List.of("a", "b"));
    @SuppressWarnings("unchecked")
    Map<String, Object> labels = (Map<String, Object>) ((Map<?, ?>) doc.get("nodes")).get("labels");
    assertThat(labels.keySet()).containsExactly("Person", "Account");
    assertThat(((Map<?, ?>) labels.get("Person")).get("drop")).isEqualTo(List.of("password", "secret token"));
    assertThat(((Map<?, ?>) labels.get("Account")).get("require")).isEqualTo(List.of("email", "name"));
  }

  @Test
  void shouldReadCollectionsThatStartOnTheLineOfASequenceItem() {
    // given
    String text = """
        - name: a
          size: 1
        - - x
          - y
        - [1, 2]
        -
          nested: true
        """;

    // when
    Object doc = Yaml.parse(text);

    // then
    assertThat(doc).isEqualTo(List.of(
        Map.of("name", "a", "size", 1L),
        List.of("x", "y"),
        List.of(1L, 2L),
        Map.of("nested", true)));
  }

  @Test
  void shouldReadNestedFlowCollections() {
    // when
    Object doc = Yaml.parse("k: {a: [1, 2.5, {b: c}], 'q k': \"v, w\", e: [], f: {}, g: [x, y,]}");

    // then
    assertThat(doc).isEqualTo(Map.of("k", Map.of(
        "a", List.of(1L, 2.5, Map.of("b", "c")),
        "q k", "v, w",
        "e", List.of(),
        "f", Map.of(),
        "g", List.of("x", "y"))));
  }

  @Test
  void shouldResolvePlainScalarsAsTheCoreSchemaDoes() {
    // when
    Map<String, Object> doc = Yaml.parseMapping("""
        t: true
        f: FALSE
        i: -42
        p: +7
        h: 0x1F
        o: 0o17
        d: 2.5
        e: 1e-3
        dot: .5
        inf: .inf
        ninf: -.inf
        nan: .nan
        s: hello world
        url: http://example.com:8080/x
        v: 1.2.3
        """);

    // then
    assertThat(doc.get("t")).isEqualTo(true);
    assertThat(doc.get("f")).isEqualTo(false);
    assertThat(doc.get("i")).isEqualTo(-42L);
    assertThat(doc.get("p")).isEqualTo(7L);
    assertThat(doc.get("h")).isEqualTo(31L);
    assertThat(doc.get("o")).isEqualTo(15L);
    assertThat(doc.get("d")).isEqualTo(2.5);
    assertThat(doc.get("e")).isEqualTo(0.001);
    assertThat(doc.get("dot")).isEqualTo(0.5);
    assertThat(doc.get("inf")).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(doc.get("ninf")).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat((Double) doc.get("nan")).isNaN();
    assertThat(doc.get("s")).isEqualTo("hello world");
    assertThat(doc.get("url")).isEqualTo("http://example.com:8080/x");
    assertThat(doc.get("v")).isEqualTo("1.2.3");
  }

  @Test
  void shouldKeepQuotedScalarsAsStringsWithEscapes() {
    // when
    Map<String, Object> doc = Yaml.parseMapping("""
        a: "true"
        b: '42'
        c: 'it''s # not a comment'
        d: "tab\\there \\"quoted\\" \\\\ \\u00e9 \\x41 \\U0001F600"
        e: ""
        "quoted key": 1
        f: it's plain
        """);

    // then
    assertThat(doc.get("a")).isEqualTo("true");
    assertThat(doc.get("b")).isEqualTo("42");
    assertThat(doc.get("c")).isEqualTo("it's # not a comment");
    assertThat(doc.get("d")).isEqualTo("tab\there \"quoted\" \\ \u00e9 A \uD83D\uDE00");
    assertThat(doc.get("e")).isEqualTo("");
    assertThat(doc.get("quoted key")).isEqualTo(1L);
    assertThat(doc.get("f")).isEqualTo("it's plain");
  }

  @Test
  void shouldAcceptDocumentMarkersCrLfAndAByteOrderMark() {
    // when
    Object doc = Yaml.parse("\uFEFF---\r\na: 1\r\nb: [x]\r\n...\r\n");

    // then
    assertThat(doc).isEqualTo(Map.of("a", 1L, "b", List.of("x")));
  }

  @Test
  void shouldReadATopLevelScalarAndAReader() {
    // expect
    assertThat(Yaml.parse("just text")).isEqualTo("just text");
    assertThat(Yaml.parse(new StringReader("x: [1]"))).isEqualTo(Map.of("x", List.of(1L)));
    assertThat(Yaml.parseMapping(new StringReader("x: y"))).isEqualTo(Map.of("x", "y"));
  }

  @Test
  void shouldReturnUnmodifiableCollections() {
    // given
    Map<String, Object> doc = Yaml.parseMapping("a: [1]\nb:\n  c: d\n");

    // expect
    assertThatThrownBy(() -> doc.put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    @SuppressWarnings("unchecked")
    List<Object> list = (List<Object>) doc.get("a");
    assertThatThrownBy(() -> list.add(2L)).isInstanceOf(UnsupportedOperationException.class);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      empty document                 | '# only a comment'                     | 1 | the document is empty
      tab indentation                | 'a:\\n\\tb: 1'                          | 2 | tabs are not allowed
      anchor                         | 'a: &x 1'                              | 1 | anchors and aliases
      alias                          | 'a: *x'                                | 1 | anchors and aliases
      tag                            | 'a: !!str 1'                           | 1 | tags
      literal block scalar           | 'a: |\\n  text'                         | 1 | block scalars
      folded block scalar            | 'a: >\\n  text'                         | 1 | block scalars
      multi-line plain value         | 'a: one\\n  two'                        | 2 | continues on the next line
      multi-line flow                | 'a: [1,\\n  2]'                         | 1 | must close on the line
      unterminated quote             | 'a: "open'                             | 1 | unterminated quoted string
      complex key                    | '? a\\n: b'                             | 1 | complex keys
      directive                      | '%YAML 1.2\\n---\\na: 1'                 | 1 | directives
      two documents                  | 'a: 1\\n---\\nb: 2'                      | 2 | several documents
      duplicate key                  | 'a: 1\\nb: 2\\na: 3'                      | 3 | duplicate key 'a'
      duplicate flow key             | 'a: {x: 1, x: 2}'                      | 1 | duplicate key 'x'
      null value                     | 'a:\\nb: 1'                             | 1 | has no value
      null word                      | 'a: null'                              | 1 | null values are not supported
      tilde                          | 'a: ~'                                 | 1 | null values are not supported
      colon in plain value           | 'a: b: c'                              | 1 | may not contain ': '
      integer overflow               | 'a: 9223372036854775808'               | 1 | out of range
      bad indentation                | 'a: 1\\n   b: 2'                        | 2 | unexpected indentation
      sequence on key line           | 'a: - b'                               | 1 | cannot start on the line of its key
      sequence item in mapping       | 'a: 1\\n- b'                            | 2 | sequence item
      text after flow                | 'a: [1] x'                             | 1 | unexpected text after the value
      unknown escape                 | 'a: "\\q"'                              | 1 | unknown escape
      reserved start                 | 'a: @x'                                | 1 | cannot start with '@'
      content after end              | 'a: 1\\n...\\nb: 2'                      | 3 | after the end of the document
      missing flow value             | 'a: [1, , 2]'                          | 1 | missing
      """)
  void shouldRejectWhatItDoesNotSupportWithTheLine(String what, String text, int line, String problem) {
    // given
    String yaml = text.replace("\\n", "\n").replace("\\t", "\t");

    // expect
    assertThatThrownBy(() -> Yaml.parse(yaml))
        .as(what)
        .isInstanceOfSatisfying(YamlException.class, e -> assertThat(e.line()).isEqualTo(line))
        .hasMessageStartingWith("line " + line + ": ")
        .hasMessageContaining(problem);
  }

  @Test
  void shouldRejectADocumentThatIsNotAMappingWhenAMappingIsExpected() {
    // expect
    assertThatThrownBy(() -> Yaml.parseMapping("- a\n- b"))
        .isInstanceOf(YamlException.class)
        .hasMessage("line 1: the document must be a mapping of 'key: value' lines, not a sequence");
  }

  @Test
  void shouldAllowTabsInsideValuesAndBlankLinesWithTabs() {
    // when
    Map<String, Object> doc = Yaml.parseMapping("a: \"x\ty\"\n\t\nb:\tc\n");

    // then
    assertThat(doc).isEqualTo(Map.of("a", "x\ty", "b", "c"));
  }
}
