/** Translations of Flagger and Kayenta configurations into canary4j policies, each difference named in a warning. */
package dev.canary4j.cli.imports;
