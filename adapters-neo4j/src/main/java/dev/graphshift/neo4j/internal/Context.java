package dev.graphshift.neo4j.internal;

import dev.graphshift.neo4j.Neo4jIdentity;
import dev.graphshift.neo4j.Neo4jRecords;
import java.util.Optional;

/**
 * What the adapter's internal parts share: the database's name, the transaction runner, the statements, the
 * record reader and the identity and batch settings.
 *
 * <p>Immutable.
 *
 * @param name the database's name
 * @param bolt the transaction runner
 * @param cypher the statements
 * @param records the reader of driver records
 * @param nodeIdentity the node identity
 * @param keyLabel the key label, if any
 * @param relationshipIdentity the relationship identity
 * @param batchSize the most records one write transaction carries
 * @param schema the schema the adapter keeps
 */
public record Context(
    String name,
    Bolt bolt,
    Cypher cypher,
    Neo4jRecords records,
    Neo4jIdentity nodeIdentity,
    Optional<String> keyLabel,
    Neo4jIdentity relationshipIdentity,
    int batchSize,
    SchemaKeeper schema) {}
