/** Printed-figure benchmarks; each class has a main method and its run command in its Javadoc. */
package dev.canary4j.benchmarks;
