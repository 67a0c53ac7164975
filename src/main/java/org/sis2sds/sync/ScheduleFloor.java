package org.sis2sds.sync;

import java.text.ParseException;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TimeZone;
import org.quartz.CronExpression;
import org.sis2sds.core.Settings;

/**
 * How often a schedule may fire at most: {@code sis2sds.syncs.min-interval} (default 5 minutes; 0 turns the floor
 * off). An interval shorter than the floor, or a cron expression with two fires closer than the floor anywhere in
 * its pattern, makes the sync invalid (a 400 from the API, a start-up error for syncs.yaml) in one sentence that
 * names the floor.
 */
public record ScheduleFloor(Duration min) {
    public static final String KEY = "sis2sds.syncs.min-interval";
    public static final ScheduleFloor DEFAULT = new ScheduleFloor(Duration.ofMinutes(5));
    private static final long DAY = Duration.ofDays(1).toMillis();
    private static final int MAX_FIRES_A_DAY = 86_400;
    private static final int DAYS_LOOKED_AT = 400;

    /** The floor from the settings; a negative one stops start-up naming the key. */
    public static ScheduleFloor from(Settings s) {
        Duration d = s.getDuration(KEY, DEFAULT.min());
        if (d.isNegative()) {
            throw s.invalid(KEY, s.get(KEY, ""), "a duration of 0 or more such as 5m");
        }
        return new ScheduleFloor(d);
    }

    /** Adds the reason to {@code errors} when the sync's schedule fires more often than the floor allows. */
    void check(SyncDef s, List<Map<String, String>> errors) {
        if (min.isZero() || !s.isAutomated()) {
            return;
        }
        if (s.hasCron()) {
            shortestGap(s.cronExpression).filter(g -> g.compareTo(min) < 0).ifPresent(g -> SyncAttributes.err(errors,
                    "cron_expression", "fires as often as every " + words(g) + ", more often than the floor of "
                            + words(min) + " (setting " + KEY + ")"));
        } else if (s.syncInterval != null && s.syncIntervalUnit != null) {
            Duration d = nominal(s.syncInterval, s.syncIntervalUnit);
            if (d.compareTo(min) < 0) {
                SyncAttributes.err(errors, "sync_interval", "is " + words(d) + ", shorter than the floor of " + words(min)
                        + " (setting " + KEY + ")");
            }
        }
    }

    /** An interval as written: minutes, hours or days of wall-clock time. */
    static Duration nominal(int n, String unit) {
        return switch (unit) {
            case "hours" -> Duration.ofHours(n);
            case "days" -> Duration.ofDays(n);
            default -> Duration.ofMinutes(n);
        };
    }

    /**
     * The shortest time between two fires of a (valid) Quartz cron expression, or empty when it fires at most once.
     * Quartz fires the same times of day on every day it fires, so one firing day (UTC) holds every gap within a
     * day, and the gap from one day to the next is the rest of the day after the last fire plus the time before the
     * first, wherever two days in a row fire (looked for over the next 400 days). The walk through the day stops at
     * the first gap under the floor.
     */
    Optional<Duration> shortestGap(String cron) {
        CronExpression c;
        try {
            c = new CronExpression(cron);
        } catch (ParseException e) {
            return Optional.empty();
        }
        c.setTimeZone(TimeZone.getTimeZone("UTC"));
        Date next = c.getNextValidTimeAfter(new Date());
        if (next == null) {
            return Optional.empty();
        }
        long day = startOfDay(next.getTime());
        Date first = fireOn(c, day);
        Date last = first;
        Duration shortest = null;
        for (int i = 0; i < MAX_FIRES_A_DAY; i++) {
            Date after = c.getNextValidTimeAfter(last);
            if (after == null || after.getTime() >= day + DAY) {
                break;
            }
            Duration gap = Duration.ofMillis(after.getTime() - last.getTime());
            shortest = shortest == null || gap.compareTo(shortest) < 0 ? gap : shortest;
            last = after;
            if (shortest.compareTo(min) < 0 || shortest.toMillis() <= 1000) {
                // under the floor, or as short as Quartz goes: the rest of the day cannot change the answer
                return Optional.of(shortest);
            }
        }
        if (twoDaysInARow(c, day)) {
            Duration overnight = Duration.ofMillis(DAY - (last.getTime() - first.getTime()));
            shortest = shortest == null || overnight.compareTo(shortest) < 0 ? overnight : shortest;
        }
        return Optional.ofNullable(shortest);
    }

    private static long startOfDay(long t) {
        return Math.floorDiv(t, DAY) * DAY;
    }

    /** The first fire on the UTC day starting at {@code day}, or null when it does not fire that day. */
    private static Date fireOn(CronExpression c, long day) {
        Date f = c.getNextValidTimeAfter(new Date(day - 1));
        return f != null && f.getTime() < day + DAY ? f : null;
    }

    /** Whether two days in a row fire, from {@code day} on. */
    private static boolean twoDaysInARow(CronExpression c, long day) {
        long end = day + DAYS_LOOKED_AT * DAY;
        while (day < end) {
            if (fireOn(c, day + DAY) != null) {
                return true;
            }
            Date f = c.getNextValidTimeAfter(new Date(day + DAY));
            if (f == null) {
                return false;
            }
            day = startOfDay(f.getTime());
        }
        return false;
    }

    /** "1 second", "5 minutes", "1 hour 30 minutes". */
    static String words(Duration d) {
        long s = d.toSeconds();
        if (s < 60) {
            return plural(s, "second");
        }
        long h = s / 3600;
        long m = (s % 3600) / 60;
        long rest = s % 60;
        StringBuilder b = new StringBuilder();
        if (h > 0) {
            b.append(plural(h, "hour"));
        }
        if (m > 0) {
            b.append(b.isEmpty() ? "" : " ").append(plural(m, "minute"));
        }
        if (rest > 0) {
            b.append(b.isEmpty() ? "" : " ").append(plural(rest, "second"));
        }
        return b.toString();
    }

    private static String plural(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }
}
