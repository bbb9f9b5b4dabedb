package dev.graphshift.cutover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import javax.management.Attribute;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/** The lever as an operator reaches it: through the platform MBean server, by name, with no Java reference. */
class CutoverControlMBeanTest {
  private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();

  private GradualCutoverRouter router(String name) {
    return GradualCutoverRouter.builder(GradualCutoverRouterTest.side("primary"), GradualCutoverRouterTest.side("secondary"))
        .name(name)
        .tickInterval(Duration.ZERO)
        .schedule(CutoverSchedule.defaults())
        .build();
  }

  @Test
  void shouldReadSetRollBackPauseAndResumeThroughThePlatformMBeanServer() throws Exception {
    try (GradualCutoverRouter router = router("jmx-test")) {
      // given
      ObjectName name = router.registerMBean(server);
      assertThat(name.toString()).isEqualTo("dev.graphshift:type=Cutover,name=jmx-test");

      // then: reads
      assertThat(server.getAttribute(name, "ShareBasisPoints")).isEqualTo(100);
      assertThat(server.getAttribute(name, "SharePercent")).isEqualTo(1.0);
      assertThat(server.getAttribute(name, "Phase")).isEqualTo("RUNNING");
      assertThat((String) server.getAttribute(name, "Status")).contains("router=jmx-test", "share=100bp");

      // when: set by hand
      server.setAttribute(name, new Attribute("ShareBasisPoints", 2_500));

      // then
      assertThat(router.state().shareBasisPoints()).isEqualTo(2_500);
      assertThat(server.getAttribute(name, "Phase")).isEqualTo("PAUSED");

      // when: rolled back
      server.invoke(name, "rollback", new Object[0], new String[0]);

      // then
      assertThat(router.state().rolledBack()).isTrue();
      assertThat(router.route("any-key")).isEqualTo(Side.PRIMARY);
      assertThat(server.getAttribute(name, "RolledBack")).isEqualTo(true);
      assertThat(router.state().reason()).contains("JMX");

      // when: resumed, paused
      server.invoke(name, "resume", new Object[0], new String[0]);
      assertThat(router.state().phase()).isEqualTo(CutoverPhase.RUNNING);
      assertThat(router.state().shareBasisPoints()).isEqualTo(100);
      server.invoke(name, "pause", new Object[0], new String[0]);
      assertThat(router.state().phase()).isEqualTo(CutoverPhase.PAUSED);
    }

    // then: unregistered on close
    assertThat(server.isRegistered(GradualCutoverRouter.objectName("jmx-test"))).isFalse();
  }

  @Test
  void shouldRefuseASecondMBeanUnderTheSameName() {
    try (GradualCutoverRouter a = router("jmx-twice"); GradualCutoverRouter b = router("jmx-twice")) {
      a.registerMBean(server);
      assertThatThrownBy(() -> b.registerMBean(server)).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("jmx-twice");
      assertThatThrownBy(() -> a.registerMBean(server)).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("already");
    }
  }

  @Test
  void shouldQuoteTheNameWhenItHoldsCharactersAnObjectNameCannot() {
    assertThat(GradualCutoverRouter.objectName("orders:eu,1").toString())
        .isEqualTo("dev.graphshift:type=Cutover,name=\"orders:eu,1\"");
    assertThat(GradualCutoverRouter.objectName("orders-eu").getKeyProperty("name")).isEqualTo("orders-eu");
  }
}
