/**
 * The {@code graphshift} command line: {@code copy}, {@code migrations run}/{@code show}, {@code validate}
 * and {@code targets} over the targets of a nodestream-style {@code graphshift.yaml}. {@link
 * dev.graphshift.cli.Cli} is the entry point ({@code main}, and {@link dev.graphshift.cli.Cli#run} for
 * running commands in-process); {@link dev.graphshift.cli.ExitCode} says what each exit status means.
 * The reference is {@code docs/cli.md}.
 */
@NullMarked
package dev.graphshift.cli;

import org.jspecify.annotations.NullMarked;
