package dev.graphshift.mapping.internal;

import dev.graphshift.Node;

/**
 * A node whose embedding is still to be generated.
 *
 * <p>Immutable.
 *
 * @param plan the plan that maps it, which attaches the vector
 * @param source the node as it was offered
 * @param partial the mapped node without its embedding; its {@link dev.graphshift.mapping.EngramModel#content
 *     content} is the text to embed
 */
public record Pending(NodePlan plan, Node source, Node partial) {}
