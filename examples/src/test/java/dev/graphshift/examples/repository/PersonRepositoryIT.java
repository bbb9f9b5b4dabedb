package dev.graphshift.examples.repository;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graphshift.conformance.Eventually;
import dev.graphshift.neo4j.Neo4jGraphDatabase;
import dev.graphshift.neptune.NeptuneGraphDatabase;
import dev.graphshift.repository.DualRepository;
import dev.graphshift.repository.Repositories;
import dev.graphshift.repository.RepositoryPolicy;
import dev.graphshift.runbook.MigrationPhase;
import dev.graphshift.testing.EmbeddedGremlinServer;
import dev.graphshift.testing.EmbeddedNeo4j;
import dev.graphshift.testing.EmbeddedNeo4jExtension;
import dev.graphshift.testing.SharedGremlinServerExtension;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The repository-bean example on real servers (an embedded Neo4j, and the Gremlin Server standing in for
 * Neptune): the wrapped {@link PersonRepository} writes both beans and serves reads from the side the phase
 * says, while its caller only ever calls the interface.
 */
@ExtendWith({EmbeddedNeo4jExtension.class, SharedGremlinServerExtension.class})
class PersonRepositoryIT {
  private final AtomicReference<MigrationPhase> phase = new AtomicReference<>(MigrationPhase.DUAL_WRITE);
  private final AtomicInteger share = new AtomicInteger();
  private Neo4jGraphDatabase neo4j;
  private NeptuneGraphDatabase neptune;
  private Neo4jPersonRepository neo4jBean;
  private TargetPersonRepository targetBean;
  private DualRepository<PersonRepository> dual;
  private PersonRepository people;

  @BeforeEach
  void wire(EmbeddedNeo4j neo4jServer, EmbeddedGremlinServer gremlin) {
    neo4jServer.clear();
    gremlin.clear();
    neo4j = Neo4jGraphDatabase.builder("neo4j", neo4jServer.boltUri()).keyLabel("Entity").build();
    neptune = NeptuneGraphDatabase.builder(gremlin.host()).port(gremlin.port()).tls(false).build();
    neo4jBean = new Neo4jPersonRepository(neo4j);
    targetBean = new TargetPersonRepository(neptune);
    dual = Repositories.dual(PersonRepository.class, neo4jBean, targetBean,
        RepositoryPolicy.builder(phase::get).share(share::get).name("people").build());
    people = dual.proxy();
  }

  @AfterEach
  void close() {
    dual.close();
    neo4j.close();
    neptune.close();
  }

  @Test
  void shouldDualWriteAndServeReadsFromNeo4jWhenDualWriting() {
    // given
    Person ada = new Person("p1", "Ada", 36);

    // when
    people.save(ada);
    people.save(new Person("p2", "Grace", 45));
    people.deleteById("p2");

    // then: Neo4j answered at once, the target bean got the same calls in order, in its own schema
    assertThat(neo4jBean.findById("p1")).contains(ada);
    assertThat(neo4jBean.findById("p2")).isEmpty();
    Eventually.await("the target bean got the writes", dual::idle);
    assertThat(targetBean.findById("p1")).contains(ada);
    assertThat(targetBean.findById("p2")).isEmpty();
    assertThat(neptune.getNode("p1").orElseThrow().properties()).containsEntry("full_name", "Ada");
    assertThat(people.findById("p1")).contains(ada);
    assertThat(people.count()).isEqualTo(1);
    assertThat(dual.metrics().writes()).isEqualTo(3);
    assertThat(dual.metrics().asyncApplied()).isEqualTo(3);
    assertThat(dual.parked()).isEmpty();
  }

  @Test
  void shouldServeReadsFromTheTargetBeanWhenCutOverAndWriteItFirstWhenDecommissioned() {
    // given: a person saved while dual writing, which the target holds too
    people.save(new Person("p1", "Ada", 36));
    Eventually.await("the target bean got the write", dual::idle);
    neptune.upsertNode(dev.graphshift.Node.of("p1", TargetPersonRepository.LABEL,
        java.util.Map.of("full_name", "Ada (target)", "age_years", 36L)));

    // when: every read is cut over to the target bean
    phase.set(MigrationPhase.CUTOVER);
    share.set(10_000);

    // then: the caller reads the target bean's answer through the same interface
    assertThat(people.findById("p1")).contains(new Person("p1", "Ada (target)", 36));
    assertThat(dual.metrics().routedToSecondary()).isEqualTo(1);

    // when: the target becomes the primary
    phase.set(MigrationPhase.DECOMMISSION);
    people.save(new Person("p3", "Alan", 41));

    // then: the target bean has it at once, and Neo4j gets no more writes
    assertThat(targetBean.findById("p3")).contains(new Person("p3", "Alan", 41));
    assertThat(neo4jBean.findById("p3")).isEmpty();
    assertThat(people.findById("p3")).contains(new Person("p3", "Alan", 41));
  }
}
