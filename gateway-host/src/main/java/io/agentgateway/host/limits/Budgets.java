package io.agentgateway.host.limits;

import io.agentgateway.host.security.LimitRules.Budget;
import io.agentgateway.host.security.LimitRules.Measure;
import io.agentgateway.host.security.LimitRules.Period;
import io.agentgateway.host.store.UsageRecord;
import io.agentgateway.host.store.UsageStore;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What each key spent this day and this month (UTC), for its budgets. Read from the usage store when the gateway
 * starts, so a restart keeps what was spent, then kept up to date by every recorded call.
 */
final class Budgets {

    private final Clock clock;
    private final Map<String, Spend> byKey = new ConcurrentHashMap<>();

    /** Reads this month's and today's spend of every key; call before requests are served. */
    Budgets(UsageStore store, Clock clock) {
        this.clock = clock;
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        YearMonth month = YearMonth.from(today);
        Map<String, UsageStore.Spent> thisMonth = store.spentByKeySince(
                month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant());
        Map<String, UsageStore.Spent> thisDay = store.spentByKeySince(today.atStartOfDay(ZoneOffset.UTC).toInstant());
        thisMonth.forEach((keyId, spent) -> {
            Spend spend = new Spend(today);
            spend.monthTokens = spent.tokens();
            spend.monthCost = spent.cost();
            UsageStore.Spent day = thisDay.get(keyId);
            if (day != null) {
                spend.dayTokens = day.tokens();
                spend.dayCost = day.cost();
            }
            byKey.put(keyId, spend);
        });
    }

    /** Counts a recorded call for its key. */
    void add(UsageRecord record) {
        if (record.keyId() == null) {
            return;
        }
        Spend spend = byKey.computeIfAbsent(record.keyId(), id -> new Spend(today()));
        synchronized (spend) {
            spend.rollTo(LocalDate.ofInstant(record.at(), ZoneOffset.UTC));
            spend.dayTokens += record.totalTokens();
            spend.monthTokens += record.totalTokens();
            spend.dayCost += record.cost();
            spend.monthCost += record.cost();
        }
    }

    /** @return the first of {@code budgets} the key has spent, if any */
    Optional<Budget> spent(String keyId, List<Budget> budgets) {
        Spend spend = byKey.get(keyId);
        if (spend == null || budgets.isEmpty()) {
            return Optional.empty();
        }
        synchronized (spend) {
            spend.rollTo(today());
            for (Budget budget : budgets) {
                if (spend.of(budget) >= budget.amount()) {
                    return Optional.of(budget);
                }
            }
        }
        return Optional.empty();
    }

    /** @return what the key spent of the budget's measure in its period */
    double spentOf(String keyId, Budget budget) {
        Spend spend = byKey.get(keyId);
        if (spend == null) {
            return 0;
        }
        synchronized (spend) {
            spend.rollTo(today());
            return spend.of(budget);
        }
    }

    /** @return seconds until the budget's period starts again */
    long secondsUntilReset(Period period) {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        LocalDate next = period == Period.DAY ? today.plusDays(1) : YearMonth.from(today).plusMonths(1).atDay(1);
        return Math.max(1, next.atStartOfDay(ZoneOffset.UTC).toEpochSecond() - now.getEpochSecond());
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    /** One key's spend in the current day and month. */
    private static final class Spend {
        private LocalDate day;
        private long dayTokens;
        private double dayCost;
        private long monthTokens;
        private double monthCost;

        private Spend(LocalDate day) {
            this.day = day;
        }

        /** Starts a new day (and month) when {@code date} is past the one counted. */
        private void rollTo(LocalDate date) {
            if (!date.isAfter(day)) {
                return;
            }
            if (!YearMonth.from(date).equals(YearMonth.from(day))) {
                monthTokens = 0;
                monthCost = 0;
            }
            dayTokens = 0;
            dayCost = 0;
            day = date;
        }

        private double of(Budget budget) {
            boolean day = budget.period() == Period.DAY;
            if (budget.measure() == Measure.TOKENS) {
                return day ? dayTokens : monthTokens;
            }
            return day ? dayCost : monthCost;
        }
    }
}
