package io.agentgateway.host.observe;

import io.helidon.metrics.api.DistributionStatisticsConfig;
import io.helidon.metrics.api.DistributionSummary;

/**
 * Builders of the gateway's distribution summaries: count, sum and max, without the percentiles Helidon's builder
 * asks for by default (0.5 to 0.999). Those are computed in the process with a ring of HdrHistograms that every
 * recorded value updates, one of the larger costs of a proxied call; dashboards read {@code _sum / _count} and
 * {@code _max}, and where a distribution matters the meter has fixed buckets instead (the overhead histogram).
 */
public final class Summaries {

    /** No client-side percentiles. */
    public static final double[] NO_PERCENTILES = {};

    private Summaries() {
    }

    /** @return a builder of the summary {@code name} that keeps count, sum and max only */
    public static DistributionSummary.Builder countSumMax(String name) {
        return DistributionSummary.builder(name)
                .distributionStatisticsConfig(DistributionStatisticsConfig.builder().percentiles(NO_PERCENTILES));
    }
}
