package org.sis2sds.sync;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.quartz.CronExpression;
import org.sis2sds.core.Settings;

/** Reads, validates and writes the attributes of a sync as the API (and syncs.yaml) spell them. */
public final class SyncAttributes {
    public static final String MASK = "********";
    static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,99}");
    static final Set<String> UNITS = Set.of("minutes", "hours", "days");
    static final Set<String> KNOWN = Set.of("id", "source_id", "destination_id", "model_id", "schedule_type",
            "sync_mode", "sync_interval", "sync_interval_unit", "cron_expression", "cursor_field", "stream_name",
            "configuration", "status");
    /** Read-only attributes the API returns; a client echoing them back in a PUT is not an error. */
    static final Set<String> READ_ONLY = Set.of("current_cursor", "origin", "created_at", "updated_at", "paused",
            "last_run", "running");

    /** What is wrong with an attribute that is not one. */
    public static final String UNKNOWN = "is not a sync attribute; known attributes: source_id, destination_id, "
            + "model_id, schedule_type, sync_mode, sync_interval, sync_interval_unit, cron_expression, cursor_field, "
            + "stream_name, configuration, status";

    /** What is wrong with a sync_interval that is not a positive whole number. */
    public static final String NOT_A_POSITIVE_NUMBER = "must be a positive whole number";

    /**
     * The refusal of one attribute: 400, "The sync is invalid: {field} {detail}." and the reason with its field, as
     * {@link #apply} reports each reason.
     */
    public static SyncException invalid(String field, String detail) {
        List<Map<String, String>> errors = new ArrayList<>();
        err(errors, field, detail);
        return refusal(errors);
    }

    private static SyncException refusal(List<Map<String, String>> errors) {
        StringBuilder msg = new StringBuilder("The sync is invalid: ");
        for (int i = 0; i < errors.size(); i++) {
            msg.append(i == 0 ? "" : "; ").append(errors.get(i).get("field")).append(' ')
                    .append(errors.get(i).get("detail"));
        }
        return new SyncException(400, msg.append('.').toString(), errors);
    }

    /** The attributes that make a schedule. */
    private static final Set<String> SCHEDULE = Set.of("schedule_type", "sync_interval", "sync_interval_unit",
            "cron_expression");

    /** Statuses the daemon reports; echoed back in a PUT they change nothing. */
    static final Set<String> DERIVED = Set.of("pending", "running", "healthy", "failed", "held", "quarantined");

    private SyncAttributes() {
    }

    static void err(List<Map<String, String>> errors, String field, String detail) {
        Map<String, String> e = new LinkedHashMap<>();
        e.put("field", field);
        e.put("detail", detail);
        errors.add(e);
    }

    /**
     * Applies the given attributes onto {@code target} (a PUT may carry only what it changes), then validates the
     * whole sync. Throws 400 with every reason found.
     */
    @SuppressWarnings("unchecked")
    public static void apply(SyncDef target, Map<String, Object> attrs, Catalog catalog, boolean creating) {
        List<Map<String, String>> errors = new ArrayList<>();
        for (String k : attrs.keySet()) {
            if (!KNOWN.contains(k) && !READ_ONLY.contains(k)) {
                err(errors, k, UNKNOWN);
            }
        }
        if (attrs.containsKey("id") && !creating && !String.valueOf(attrs.get("id")).equals(target.id)) {
            err(errors, "id", "cannot change; create a new sync instead");
        }
        boolean intervalGiven = attrs.containsKey("sync_interval") || attrs.containsKey("sync_interval_unit");
        boolean cronGiven = attrs.containsKey("cron_expression");
        target.sourceId = str(attrs, "source_id", target.sourceId, errors);
        target.destinationId = str(attrs, "destination_id", target.destinationId, errors);
        target.modelId = str(attrs, "model_id", target.modelId, errors);
        target.scheduleType = lower(str(attrs, "schedule_type", target.scheduleType, errors));
        target.syncMode = lower(str(attrs, "sync_mode", target.syncMode, errors));
        if (attrs.containsKey("sync_interval")) {
            Object v = attrs.get("sync_interval");
            if (v == null || (v instanceof String sv && sv.isBlank())) {
                target.syncInterval = null;
            } else if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
                target.syncInterval = n.intValue();
                if (n.longValue() <= 0 || n.longValue() > Integer.MAX_VALUE) {
                    err(errors, "sync_interval", NOT_A_POSITIVE_NUMBER);
                }
            } else if (v instanceof String sv && sv.trim().matches("-?\\d+")) {
                try {
                    target.syncInterval = Integer.parseInt(sv.trim());
                } catch (NumberFormatException e) {
                    target.syncInterval = -1;
                }
                if (target.syncInterval <= 0) {
                    err(errors, "sync_interval", NOT_A_POSITIVE_NUMBER);
                }
            } else {
                err(errors, "sync_interval", NOT_A_POSITIVE_NUMBER);
            }
        }
        target.syncIntervalUnit = lower(str(attrs, "sync_interval_unit", target.syncIntervalUnit, errors));
        target.cronExpression = str(attrs, "cron_expression", target.cronExpression, errors);
        target.cursorField = str(attrs, "cursor_field", target.cursorField, errors);
        target.streamName = str(attrs, "stream_name", target.streamName, errors);
        if (attrs.containsKey("configuration")) {
            Object c = attrs.get("configuration");
            if (c == null) {
                target.configuration = new LinkedHashMap<>();
            } else if (c instanceof Map<?, ?> m) {
                // a client echoing a masked secret back keeps the stored one
                target.configuration = (Map<String, Object>) unmask(m, target.configuration);
            } else {
                err(errors, "configuration", "must be an object");
            }
        }
        if (attrs.containsKey("status")) {
            String st = lower(String.valueOf(attrs.get("status")));
            if ("paused".equals(st)) {
                target.paused = true;
            } else if ("active".equals(st)) {
                target.paused = false;
            } else if (creating || !DERIVED.contains(st)) {
                err(errors, "status", "must be 'active' or 'paused' (the other statuses are reported, not set)");
            }
        }
        // the schedule fields that do not apply are cleared, as the reverse-ETL API does
        if (SyncDef.AUTOMATED.equals(target.scheduleType)) {
            if (cronGiven && !intervalGiven && target.cronExpression != null) {
                target.syncInterval = null;
                target.syncIntervalUnit = null;
            } else if (intervalGiven && !cronGiven && target.syncInterval != null) {
                target.cronExpression = null;
            }
        }
        validate(target, catalog, errors);
        if (!errors.isEmpty()) {
            throw refusal(errors);
        }
    }

    private static String lower(String s) {
        return s == null ? null : s.trim().toLowerCase(Locale.ROOT);
    }

    private static String str(Map<String, Object> attrs, String key, String current, List<Map<String, String>> errors) {
        if (!attrs.containsKey(key)) {
            return current;
        }
        Object v = attrs.get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof Map || v instanceof List) {
            err(errors, key, "must be a string");
            return current;
        }
        String s = String.valueOf(v).trim();
        return s.isEmpty() ? null : s;
    }

    private static void validate(SyncDef s, Catalog catalog, List<Map<String, String>> errors) {
        if (s.id == null || !ID.matcher(s.id).matches()) {
            err(errors, "id", "must be 1 to 100 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        if (s.sourceId == null) {
            err(errors, "source_id", "is required");
        } else if (!catalog.sources().containsKey(s.sourceId)) {
            err(errors, "source_id", "'" + s.sourceId + "' is not a known source; known: " + catalog.sources().keySet());
        }
        if (s.destinationId == null) {
            err(errors, "destination_id", "is required");
        } else if (!catalog.destinations().containsKey(s.destinationId)) {
            err(errors, "destination_id", "'" + s.destinationId + "' is not a known destination; known: "
                    + catalog.destinations().keySet());
        }
        if (s.modelId == null) {
            err(errors, "model_id", "is required");
        } else if (!catalog.models().containsKey(s.modelId)) {
            err(errors, "model_id", "'" + s.modelId + "' is not a known model; known: " + catalog.models().keySet());
        }
        if (s.scheduleType == null) {
            s.scheduleType = SyncDef.MANUAL;
        }
        if (!SyncDef.AUTOMATED.equals(s.scheduleType) && !SyncDef.MANUAL.equals(s.scheduleType)) {
            err(errors, "schedule_type", "must be automated or manual");
        }
        if (s.syncMode == null) {
            s.syncMode = SyncDef.FULL_REFRESH;
        }
        if (!SyncDef.FULL_REFRESH.equals(s.syncMode) && !SyncDef.INCREMENTAL.equals(s.syncMode)) {
            err(errors, "sync_mode", "must be full_refresh or incremental");
        }
        if (s.syncIntervalUnit != null && !UNITS.contains(s.syncIntervalUnit)) {
            err(errors, "sync_interval_unit", "must be minutes, hours or days");
        }
        if (s.cronExpression != null && !CronExpression.isValidExpression(s.cronExpression)) {
            String why;
            try {
                new CronExpression(s.cronExpression);
                why = "is not a valid Quartz cron expression";
            } catch (java.text.ParseException e) {
                why = "is not a valid Quartz cron expression (" + e.getMessage() + "); example: 0 0 2 * * ?";
            }
            err(errors, "cron_expression", why);
        }
        if (SyncDef.AUTOMATED.equals(s.scheduleType)) {
            boolean interval = s.syncInterval != null || s.syncIntervalUnit != null;
            if (!interval && s.cronExpression == null) {
                err(errors, "schedule_type", "automated needs either sync_interval and sync_interval_unit or a "
                        + "cron_expression");
            } else if (interval && s.cronExpression != null) {
                err(errors, "cron_expression", "cannot be combined with sync_interval; give one of them");
            } else if (interval && s.syncInterval == null) {
                err(errors, "sync_interval", "is required with sync_interval_unit");
            } else if (interval && s.syncIntervalUnit == null) {
                err(errors, "sync_interval_unit", "is required with sync_interval (minutes, hours or days)");
            }
            if (errors.stream().noneMatch(e -> SCHEDULE.contains(e.get("field")))) {
                catalog.scheduleFloor().check(s, errors);
            }
        } else if (SyncDef.MANUAL.equals(s.scheduleType)) {
            s.syncInterval = null;
            s.syncIntervalUnit = null;
            s.cronExpression = null;
        }
    }

    /** The attributes the API shows: secrets in {@code configuration} masked. */
    public static Map<String, Object> toAttributes(SyncDef s, String status) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("source_id", s.sourceId);
        a.put("destination_id", s.destinationId);
        a.put("model_id", s.modelId);
        a.put("schedule_type", s.scheduleType);
        a.put("sync_mode", s.syncMode);
        a.put("sync_interval", s.syncInterval);
        a.put("sync_interval_unit", s.syncIntervalUnit);
        a.put("cron_expression", s.cronExpression);
        a.put("cursor_field", s.cursorField);
        a.put("current_cursor", s.currentCursor);
        a.put("stream_name", s.streamName);
        a.put("configuration", mask(s.configuration));
        a.put("status", status);
        a.put("paused", s.paused);
        a.put("origin", s.origin);
        a.put("created_at", ts(s.createdAt));
        a.put("updated_at", ts(s.updatedAt));
        return a;
    }

    /** A timestamp as the API shows it (ISO-8601 UTC), or null. */
    public static String ts(OffsetDateTime t) {
        return t == null ? null : t.toInstant().toString();
    }

    /** A copy with the values of secret-looking keys replaced by {@value #MASK}, recursively (also in lists). */
    public static Map<String, Object> mask(Map<String, Object> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (m == null) {
            return out;
        }
        m.forEach((k, v) -> out.put(k, isSecret(k) && v != null ? MASK : maskNested(v)));
        return out;
    }

    /**
     * The value a client sent with each {@value #MASK} that stands where {@code stored} has a value replaced by that
     * value (at any depth: in objects by key, in lists of the same length by position).
     */
    static Object unmask(Object sent, Object stored) {
        if (MASK.equals(sent) && stored != null) {
            return stored;
        }
        if (sent instanceof Map<?, ?> m) {
            Map<?, ?> old = stored instanceof Map<?, ?> o ? o : Map.of();
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(String.valueOf(k), unmask(v, old.get(k))));
            return out;
        }
        if (sent instanceof List<?> l && stored instanceof List<?> old && old.size() == l.size()) {
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < l.size(); i++) {
                out.add(unmask(l.get(i), old.get(i)));
            }
            return out;
        }
        return sent;
    }

    @SuppressWarnings("unchecked")
    private static Object maskNested(Object v) {
        if (v instanceof Map<?, ?> inner) {
            return mask((Map<String, Object>) inner);
        }
        if (v instanceof List<?> list) {
            return list.stream().map(SyncAttributes::maskNested).toList();
        }
        return v;
    }

    static boolean isSecret(String key) {
        String k = key.toLowerCase(Locale.ROOT).replace('_', '-');
        return Settings.isSecretKey(k) || k.contains("secret") || k.contains("password") || k.contains("token")
                || k.endsWith("api-key") || k.equals("key") || k.contains("credential");
    }
}
