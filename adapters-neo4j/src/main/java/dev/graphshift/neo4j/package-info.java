/**
 * Neo4j as a GraphShift source and target over Bolt: {@link dev.graphshift.neo4j.Neo4jGraphDatabase}
 * (the {@link dev.graphshift.GraphDatabase} adapter), its identity settings ({@link
 * dev.graphshift.neo4j.Neo4jIdentity}), TLS settings ({@link dev.graphshift.neo4j.Neo4jTls}), and the
 * public conversion from driver values, nodes and relationships to the model ({@link
 * dev.graphshift.neo4j.Neo4jValues}, {@link dev.graphshift.neo4j.Neo4jRecords}).
 */
@NullMarked
package dev.graphshift.neo4j;

import org.jspecify.annotations.NullMarked;
