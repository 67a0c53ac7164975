package org.sis2sds.sds;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.camel.Exchange;
import org.sis2sds.core.ConfigException;
import org.sis2sds.core.Settings;
import org.sis2sds.pipeline.Batch;
import org.sis2sds.validate.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of {@code routes/publish.camel.yaml} (bean {@code sdsPublisher}): upload, start, poll, finish. Each
 * records its result on the {@link Batch}; a failure to talk to SDS sets outcome FAILED with one sentence.
 *
 * <p>Exchange properties used by the route: {@code sdsPolling} (keep polling), {@code sdsPollMs} (delay between
 * polls).
 */
public final class SdsPublisher {
    private static final Logger LOG = LoggerFactory.getLogger(SdsPublisher.class);
    /** Batch attribute: the profile to publish to (set by a sync), else setting sis2sds.sds.profile-id. */
    public static final String PROFILE_ATTR = "sds.profileId";
    public static final String POLLING = "sdsPolling";
    public static final String POLL_MS = "sdsPollMs";
    private static final String STARTED = "sdsStartedAt";
    private static final String SAW_RUNNING = "sdsSawRunning";
    private static final String POLLS = "sdsPolls";
    private static final String HELD = "sdsProfileHeld";
    private final Map<String, Semaphore> locks = new ConcurrentHashMap<>();

    private final Supplier<SdsDestination> destination;
    private final String defaultProfile;
    private final Duration pollInterval;
    private final Duration timeout;
    private final int maxErrors;
    private final boolean enabled;

    public SdsPublisher(Settings s, Supplier<SdsDestination> destination) {
        String p = SdsClientConfig.P;
        this.destination = destination;
        this.enabled = !"off".equalsIgnoreCase(s.get(p + "mode", "off"));
        this.defaultProfile = s.get(p + "profile-id", null);
        this.pollInterval = s.getDuration(p + "poll-interval", Duration.ofSeconds(10));
        this.timeout = s.getDuration(p + "timeout", Duration.ofHours(2));
        this.maxErrors = s.getInt(p + "max-errors", 1000);
    }

    /** False when {@code sis2sds.sds.mode=off}: batches are accepted without publishing. */
    public boolean isEnabled() {
        return enabled;
    }

    /**
     * Step 1: the profile's upload URL, then the six files (canonical names). One batch at a time per profile: the
     * profile is held from here until {@link #release} (the route's doFinally), so two batches never mix their
     * files in one container.
     */
    public void upload(Batch b, Exchange ex) {
        ex.setProperty(POLLING, false);
        ex.setProperty(POLL_MS, Math.max(1, pollInterval.toMillis()));
        if (b.isStopped()) {
            return;
        }
        try {
            String profile = profileId(b);
            Semaphore held = locks.computeIfAbsent(profile, k -> new Semaphore(1));
            if (!held.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new SdsException(0, "busy", "Another batch kept SDS profile " + profile + " busy for "
                        + human(timeout) + "; send this batch again later.");
            }
            ex.setProperty(HELD, profile);
            destination.get().uploadBatch(profile, b.getDir());
            LOG.info("Uploaded batch {} to SDS profile {}", b.getId(), profile);
        } catch (Exception e) {
            fail(b, e, "upload");
        }
    }

    /** Step 2: start. Any Error in SDS's messages quarantines the batch; otherwise polling begins. */
    public void start(Batch b, Exchange ex) {
        if (b.isStopped()) {
            return;
        }
        String profile = profileId(b);
        try {
            Instant at = Instant.now();
            List<Message> msgs = destination.get().start(profile);
            b.getSdsMessages().addAll(msgs);
            long errors = msgs.stream().filter(Message::isError).count();
            if (errors > 0) {
                b.setSdsStatus(SyncStatus.VALIDATION_ERROR.wire());
                b.setOutcome(Batch.Outcome.QUARANTINED);
                b.setReason("SDS refused to start the sync: it found " + errors + " error(s) in the uploaded files; "
                        + "fix them in the source and send the batch again.");
                LOG.warn("SDS refused batch {} for profile {}: {} error(s)", b.getId(), profile, errors);
                return;
            }
            LOG.info("SDS started profile {} for batch {} ({} warning(s))", profile, b.getId(), msgs.size());
            ex.setProperty(STARTED, at);
            ex.setProperty(POLLS, 0);
            ex.setProperty(SAW_RUNNING, false);
            ex.setProperty(POLLING, true);
        } catch (Exception e) {
            fail(b, e, "start");
        }
    }

    /** Step 3 (in the loop): one profileStatus; stops the loop on a final status or the overall timeout. */
    public void poll(Batch b, Exchange ex) {
        String profile = profileId(b);
        Instant started = ex.getProperty(STARTED, Instant.class);
        int polls = ex.getProperty(POLLS, 0, Integer.class) + 1;
        ex.setProperty(POLLS, polls);
        try {
            ProfileStatus st = destination.get().status(profile);
            b.setSdsStatus(st.status().wire());
            boolean sawRunning = ex.getProperty(SAW_RUNNING, false, Boolean.class);
            if (!st.status().isFinal()) {
                ex.setProperty(SAW_RUNNING, true);
            } else if (sawRunning || fresh(st, started) || polls >= 3) {
                // SDS's status can lag: a final status is trusted once this run was seen or is visibly this run's
                ex.setProperty(POLLING, false);
                return;
            }
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            fail(b, e, "poll");
            ex.setProperty(POLLING, false);
            return;
        }
        if (started != null && Duration.between(started, Instant.now()).compareTo(timeout) > 0) {
            b.setOutcome(Batch.Outcome.FAILED);
            b.setReason("SDS did not finish the sync of profile " + profile + " within " + human(timeout)
                    + " (last status " + b.getSdsStatus() + "); check the profile in SDS or raise sis2sds.sds.timeout.");
            ex.setProperty(POLLING, false);
        }
    }

    private static boolean fresh(ProfileStatus st, Instant started) {
        return started != null && st.lastActivity() != null
                && !st.lastActivity().isBefore(started.minusSeconds(5));
    }

    /** Step 4: by the final status. validationError/quarantined → QUARANTINED with SDS's errors; error → archived with a warning. */
    public void finish(Batch b) {
        if (b.isStopped() || b.getSdsStatus() == null) {
            return;
        }
        SyncStatus st = SyncStatus.parse(b.getSdsStatus());
        String profile = profileId(b);
        if (st == SyncStatus.SUCCESS) {
            LOG.info("SDS synced batch {} to profile {}", b.getId(), profile);
            return;
        }
        try {
            ErrorPage page = destination.get().errors(profile, maxErrors);
            page.errors().forEach(e -> b.getSdsErrors().add(e.toMap()));
            b.getAttributes().put("sds.errorCount", page.total());
            if (st.isRejection()) {
                b.setOutcome(Batch.Outcome.QUARANTINED);
                b.setReason("SDS ended the sync of profile " + profile + " with status " + st.wire() + " ("
                        + page.total() + " error(s) recorded); fix them in the source and send the batch again.");
            } else if (st == SyncStatus.ERROR) {
                b.getAttributes().put("sds.warning", "SDS synced the batch but recorded " + page.total()
                        + " error(s) for individual entries; see sdsErrors.");
                LOG.warn("SDS synced batch {} to profile {} with {} error(s)", b.getId(), profile, page.total());
            }
        } catch (Exception e) {
            fail(b, e, "errors");
        }
    }

    /** Lets the next batch use the profile (the route calls it in doFinally, whatever happened). */
    public void release(Exchange ex) {
        String profile = ex.getProperty(HELD, String.class);
        if (profile != null) {
            ex.removeProperty(HELD);
            locks.get(profile).release();
        }
    }

    /** The profile of this batch: its attribute {@code sds.profileId}, else {@code sis2sds.sds.profile-id}. */
    String profileId(Batch b) {
        Object p = b.getAttributes().get(PROFILE_ATTR);
        String id = p == null || p.toString().isBlank() ? defaultProfile : p.toString();
        if (id == null || id.isBlank()) {
            throw new ConfigException(SdsClientConfig.P + "profile-id", "Setting sis2sds.sds.profile-id is missing: "
                    + "name the SDS synchronization profile to publish to (bin/sis2sds profile list shows them).");
        }
        b.getAttributes().put(PROFILE_ATTR, id);
        return id;
    }

    private void fail(Batch b, Exception e, String step) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        b.setOutcome(Batch.Outcome.FAILED);
        String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        b.setReason(e instanceof IOException && !(e instanceof SdsException)
                ? "SDS could not be reached (" + why + "); the batch was not published." : why);
        LOG.warn("Publishing batch {} to SDS failed at {}: {}", b.getId(), step, b.getReason());
    }

    private static String human(Duration d) {
        return d.toMinutes() >= 1 ? d.toMinutes() + " min" : d.toMillis() + " ms";
    }
}
