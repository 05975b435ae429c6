/**
 * The {@code canary4j} command line ({@code cli/target/canary4j.jar}): {@code demo}, {@code simulate},
 * {@code judge}, {@code backtest}, {@code import}, {@code validate} and {@code schema}, with the exit
 * codes of {@link dev.canary4j.cli.Canary4j} shared by all. Not an API: use the library's modules from code.
 */
package dev.canary4j.cli;
