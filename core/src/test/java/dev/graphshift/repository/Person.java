package dev.graphshift.repository;

/** An application entity of the repository tests. Immutable. */
public record Person(String id, String name, long version) {}
