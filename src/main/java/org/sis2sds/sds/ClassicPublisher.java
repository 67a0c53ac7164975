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
import org.apache.camel.support.SynchronizationAdapter;
import org.sis2sds.batch.BatchFormat;
import org.sis2sds.core.ConfigException;
import org.sis2sds.core.Settings;
import org.sis2sds.pipeline.Batch;
import org.sis2sds.pipeline.BatchRejected;
import org.sis2sds.pipeline.PublishJournal;
import org.sis2sds.validate.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of {@code routes/publish-classic.camel.yaml} (bean {@code classicPublisher}): upload, start, poll,
 * finish, against the SDS Classic synchronizationProfiles API. Each step records what it did in the batch's
 * {@link PublishJournal} before the route goes on, so a batch resumed after a crash continues where it stood: an
 * uploaded batch is not uploaded again, a started one is polled, not started again. A refusal by SDS throws
 * {@link BatchRejected}; SDS that cannot be reached fails the batch with one sentence.
 *
 * <p>Exchange properties used by the route: {@code sdsPolling} (keep polling), {@code sdsPollMs} (delay between
 * polls).
 */
public final class ClassicPublisher {
    private static final Logger LOG = LoggerFactory.getLogger(ClassicPublisher.class);
    /** Batch attribute: the profile to publish to (set by a sync), else setting sis2sds.sds.profile-id. */
    public static final String PROFILE_ATTR = "sds.profileId";
    public static final String POLLING = "sdsPolling";
    public static final String POLL_MS = "sdsPollMs";
    /** Journal keys. */
    static final String J_PROFILE = "classic.profile";
    static final String J_UPLOADED = "classic.uploaded";
    static final String J_START_REQUESTED = "classic.startRequested";
    static final String J_STARTED = "classic.started";
    static final String J_FINAL = "classic.finalStatus";
    private static final String SAW_RUNNING = "sdsSawRunning";
    private static final String POLLS = "sdsPolls";
    /** One batch at a time per profile, so two batches never mix their files in one container. */
    private final Map<String, Semaphore> locks = new ConcurrentHashMap<>();

    private final Supplier<SdsDestination> destination;
    private final String defaultProfile;
    private final Duration pollInterval;
    private final Duration timeout;
    private final int maxErrors;
    private final boolean classicConfigured;

    public ClassicPublisher(Settings s, Supplier<SdsDestination> destination) {
        String p = SdsClientConfig.P;
        this.destination = destination;
        this.defaultProfile = s.get(p + "profile-id", null);
        this.pollInterval = s.getDuration(p + "poll-interval", Duration.ofSeconds(10));
        this.timeout = s.getDuration(p + "timeout", Duration.ofHours(2));
        this.maxErrors = s.getInt(p + "max-errors", 1000);
        this.classicConfigured = "classic".equals(Destinations.mode(s));
    }

    /**
     * Step 1: holds the profile until the batch has been filed (released when the exchange completes, whatever
     * happened), then the profile's upload URL and the six files (canonical names), unless the journal says they
     * were uploaded already.
     */
    public void upload(Batch b, Exchange ex) {
        ex.setProperty(POLLING, false);
        ex.setProperty(POLL_MS, Math.max(1, pollInterval.toMillis()));
        if (b.getFormat() == BatchFormat.V2_1) {
            throw BatchRejected.failed("SDS Classic takes SDS v1 CSV only, and this batch is SDS v2.1; publish it to "
                    + "the live SDS (destination mode industrydata, see bin/sis2sds flow setup) or send it as SDS v1.");
        }
        String profile = profileId(b);
        PublishJournal journal = PublishJournal.of(b);
        try {
            hold(profile, ex);
            if (journal.has(J_UPLOADED)) {
                LOG.info("Batch {} was uploaded to SDS profile {} before the restart; not uploading it again",
                        b.getId(), profile);
                return;
            }
            journal.record(J_PROFILE, profile);
            destination.get().uploadBatch(profile, b.getDir());
            journal.record(J_UPLOADED, Instant.now().toString());
            LOG.info("Uploaded batch {} to SDS profile {}", b.getId(), profile);
        } catch (Exception e) {
            throw failure(b, e, "upload");
        }
    }

    private void hold(String profile, Exchange ex) throws InterruptedException {
        Semaphore held = locks.computeIfAbsent(profile, k -> new Semaphore(1));
        if (!held.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw BatchRejected.failed("Another batch kept SDS profile " + profile + " busy for " + human(timeout)
                    + "; release this batch from quarantine when it is free.");
        }
        ex.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                held.release();
            }
        });
    }

    /**
     * Step 2: start, unless the journal says SDS started this batch already. Any Error in SDS's messages refuses the
     * batch; otherwise polling begins.
     */
    public void start(Batch b, Exchange ex) {
        String profile = profileId(b);
        PublishJournal journal = PublishJournal.of(b);
        ex.setProperty(POLLS, 0);
        ex.setProperty(SAW_RUNNING, false);
        if (journal.has(J_FINAL)) {
            b.setSdsStatus(journal.getString(J_FINAL));
            return; // SDS had finished with this batch before the restart: finish without touching SDS
        }
        if (journal.has(J_STARTED)) {
            LOG.info("SDS started profile {} for batch {} before the restart; polling it", profile, b.getId());
            ex.setProperty(POLLING, true);
            return;
        }
        if (journal.has(J_START_REQUESTED) && startedSince(profile, Instant.parse(journal.getString(J_START_REQUESTED)))) {
            // the daemon (or the cluster's previous leader) stopped between asking SDS to start and hearing back: SDS
            // says it did start, so it is not asked again
            journal.record(J_STARTED, journal.getString(J_START_REQUESTED));
            LOG.info("SDS had started profile {} for batch {} before the restart; polling it", profile, b.getId());
            ex.setProperty(POLLING, true);
            return;
        }
        try {
            Instant at = Instant.now();
            journal.record(J_START_REQUESTED, at.toString());
            List<Message> msgs = destination.get().start(profile);
            b.getSdsMessages().addAll(msgs);
            long errors = msgs.stream().filter(Message::isError).count();
            if (errors > 0) {
                b.setSdsStatus(SyncStatus.VALIDATION_ERROR.wire());
                journal.record(J_FINAL, b.getSdsStatus());
                LOG.warn("SDS refused batch {} for profile {}: {} error(s)", b.getId(), profile, errors);
                throw BatchRejected.quarantined("SDS refused to start the sync: it found " + errors + " error(s) in "
                        + "the uploaded files; fix them in the source and send the batch again.");
            }
            journal.record(J_STARTED, at.toString());
            LOG.info("SDS started profile {} for batch {} ({} warning(s))", profile, b.getId(), msgs.size());
            ex.setProperty(POLLING, true);
        } catch (BatchRejected r) {
            throw r;
        } catch (Exception e) {
            throw failure(b, e, "start");
        }
    }

    /**
     * Whether SDS started a sync of the profile at or after {@code requested}: it is working on one now, or its last
     * activity is not older than the request. Asked instead of starting again when a start's outcome was not recorded.
     */
    private boolean startedSince(String profile, Instant requested) {
        try {
            ProfileStatus st = destination.get().status(profile);
            boolean busy = st.status() != null && !st.status().isFinal() && st.status() != SyncStatus.PAUSED;
            Instant last = st.lastActivity() != null ? st.lastActivity() : st.lastSynchronization();
            return busy || (last != null && !last.isBefore(requested.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)));
        } catch (Exception e) {
            throw new IllegalStateException("SDS could not say whether it had started profile " + profile
                    + " before the restart: " + e.getMessage(), e);
        }
    }

    /** Step 3 (in the loop): one profileStatus; stops the loop on a final status; fails after the overall timeout. */
    public void poll(Batch b, Exchange ex) {
        String profile = profileId(b);
        PublishJournal journal = PublishJournal.of(b);
        Instant started = Instant.parse(journal.getString(J_STARTED));
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
                journal.record(J_FINAL, b.getSdsStatus());
                ex.setProperty(POLLING, false);
                return;
            }
        } catch (Exception e) {
            ex.setProperty(POLLING, false);
            throw failure(b, e, "poll");
        }
        if (Duration.between(started, Instant.now()).compareTo(timeout) > 0) {
            ex.setProperty(POLLING, false);
            throw BatchRejected.failed("SDS did not finish the sync of profile " + profile + " within "
                    + human(timeout) + " (last status " + b.getSdsStatus() + "); check the profile in SDS or raise "
                    + "sis2sds.sds.timeout.");
        }
    }

    private static boolean fresh(ProfileStatus st, Instant started) {
        return started != null && st.lastActivity() != null
                && !st.lastActivity().isBefore(started.minusSeconds(5));
    }

    /**
     * Step 4: by the final status. validationError/quarantined refuse the batch with SDS's errors; error archives it
     * with the errors and a warning; success archives it.
     */
    public void finish(Batch b) {
        SyncStatus st = SyncStatus.parse(b.getSdsStatus());
        String profile = profileId(b);
        if (st == SyncStatus.SUCCESS) {
            LOG.info("SDS synced batch {} to profile {}", b.getId(), profile);
            return;
        }
        ErrorPage page;
        try {
            page = destination.get().errors(profile, maxErrors);
        } catch (Exception e) {
            throw failure(b, e, "errors");
        }
        page.errors().forEach(e -> b.getSdsErrors().add(e.toMap()));
        b.getAttributes().put("sds.errorCount", page.total());
        if (st.isRejection()) {
            throw BatchRejected.quarantined("SDS ended the sync of profile " + profile + " with status " + st.wire()
                    + " (" + page.total() + " error(s) recorded); fix them in the source and send the batch again.");
        }
        if (st == SyncStatus.ERROR) {
            b.getAttributes().put("sds.warning", "SDS synced the batch but recorded " + page.total()
                    + " error(s) for individual entries; see sdsErrors.");
            LOG.warn("SDS synced batch {} to profile {} with {} error(s)", b.getId(), profile, page.total());
        }
    }

    /**
     * Resets a profile (restart, errors deleted) when SDS Classic is configured; false when it is not, so that a
     * sync's reset in another mode leaves SDS alone.
     */
    public boolean resetProfile(String profileId) throws IOException, InterruptedException {
        if (!classicConfigured) {
            return false;
        }
        destination.get().reset(profileId);
        return true;
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

    private static BatchRejected failure(Batch b, Exception e, String step) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing batch " + b.getId(), e);
        }
        if (e instanceof BatchRejected r) {
            return r;
        }
        if (e instanceof ConfigException c) {
            return BatchRejected.failed(c.getMessage());
        }
        String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String reason = e instanceof IOException && !(e instanceof SdsException)
                ? "SDS could not be reached (" + why + "); " + switch (step) {
                    case "upload" -> "the batch was not published.";
                    case "start" -> "whether SDS started the sync is not known; check the profile in SDS before "
                            + "releasing the batch.";
                    default -> "SDS had started the sync of this batch; its final status is not known.";
                } : why;
        LOG.warn("Publishing batch {} to SDS failed at {}: {}", b.getId(), step, reason);
        return BatchRejected.failed(reason);
    }

    private static String human(Duration d) {
        return d.toMinutes() >= 1 ? d.toMinutes() + " min" : d.toMillis() + " ms";
    }
}
