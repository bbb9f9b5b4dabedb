package dev.graphshift.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The adapters are optional dependencies of this module: a consumer that declares only {@code
 * graphshift-micrometer} has none of them. This test runs every core binder in a class loader built from
 * the test class path without the three adapter artifacts, and checks they register every meter of the
 * catalog but the adapters'.
 */
class NoAdapterClasspathTest {
  private static final List<String> ADAPTERS = List.of("graphshift-neo4j", "graphshift-neptune", "graphshift-engram",
      "adapters-neo4j", "adapters-neptune", "adapters-engram");

  /** The test class path (surefire passes it in a property, its own class path being a manifest jar). */
  private static List<String> testClassPath() {
    String path = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    return List.of(path.split(File.pathSeparator));
  }

  private static URLClassLoader withoutAdapters() throws MalformedURLException {
    List<URL> urls = new ArrayList<>();
    for (String entry : testClassPath()) {
      if (ADAPTERS.stream().noneMatch(entry::contains)) {
        urls.add(Path.of(entry).toUri().toURL());
      }
    }
    return new URLClassLoader("without-adapters", urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
  }

  @Test
  void shouldRegisterEveryCoreMeterWhenNoAdapterIsOnTheClasspath() throws Exception {
    // given: the adapters are on this test's class path, and not on the loader's
    assertThat(Class.forName("dev.graphshift.neo4j.Neo4jGraphDatabase")).isNotNull();
    try (URLClassLoader loader = withoutAdapters()) {
      for (String adapter : List.of("dev.graphshift.neo4j.Neo4jGraphDatabase",
          "dev.graphshift.neptune.NeptuneGraphDatabase", "dev.graphshift.engram.EngramGraphDatabase")) {
        assertThatThrownBy(() -> loader.loadClass(adapter)).isInstanceOf(ClassNotFoundException.class);
      }

      // when
      @SuppressWarnings("unchecked")
      Supplier<Set<String>> scenario = (Supplier<Set<String>>) loader
          .loadClass(EveryCoreComponent.class.getName()).getConstructor().newInstance();
      Set<String> names = scenario.get();

      // then
      Set<String> core = new TreeSet<>(Catalog.meterNames());
      core.removeAll(Catalog.meterNames("graphshift.neo4j."));
      core.removeAll(Catalog.meterNames("graphshift.neptune."));
      core.removeAll(Catalog.meterNames("graphshift.engram."));
      assertThat(scenario.getClass().getClassLoader()).isSameAs(loader);
      assertThat(names).containsExactlyElementsOf(core);
    }
  }
}
