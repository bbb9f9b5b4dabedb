/**
 * Configuration files: {@link dev.graphshift.config.Yaml}, a small reader for the subset of YAML that
 * GraphShift's files use (the schema mapping, {@code graphshift.yaml}), and {@link
 * dev.graphshift.config.ConfigSection}, typed access to a parsed section whose errors name the path of the
 * offending key. Core has no YAML library dependency; this subset is enough for configuration and fails
 * with a line number on everything outside it.
 */
@NullMarked
package dev.graphshift.config;

import org.jspecify.annotations.NullMarked;
