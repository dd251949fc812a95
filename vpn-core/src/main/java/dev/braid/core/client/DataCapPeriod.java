package dev.braid.core.client;

import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;

/** When a link's data-cap count starts again: each calendar day or each calendar month. */
public enum DataCapPeriod {
    DAY,
    MONTH;

    /** The first day of the period {@code date} lies in. */
    public LocalDate start(LocalDate date) {
        return this == DAY ? date : date.with(TemporalAdjusters.firstDayOfMonth());
    }
}
