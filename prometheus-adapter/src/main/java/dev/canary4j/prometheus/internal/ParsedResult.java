package dev.canary4j.prometheus.internal;

import java.util.List;

/**
 * The data of a successful response as the parser read it, in the wire's terms, so that this package
 * does not depend on the adapter's public result types.
 *
 * @param type the {@code resultType} as Prometheus names it: {@code vector}, {@code matrix},
 *     {@code scalar} or {@code string}
 * @param series the series; a scalar is one unlabelled series of one sample, a string has none
 * @param text the value of a string result, otherwise {@code null}
 * @param warnings warnings Prometheus attached to the answer, possibly empty
 */
public record ParsedResult(String type, List<ParsedSeries> series, String text, List<String> warnings) {}
