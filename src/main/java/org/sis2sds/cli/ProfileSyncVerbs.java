package org.sis2sds.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.sis2sds.sds.ErrorPage;
import org.sis2sds.sds.ProfileStatus;
import org.sis2sds.sds.SdsDestination;
import org.sis2sds.sds.SdsError;
import org.sis2sds.sds.SyncStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The {@code profile} verbs about a profile's sync: upload, start, pause, resume, reset, status, errors. */
final class ProfileSyncVerbs {
    private ProfileSyncVerbs() {
    }

    /** A verb that can wait for a final sync status: --timeout defaults to 2h. */
    abstract static class SyncWaitVerb extends ProfileVerb implements WaitOptions.Defaults {
        @Mixin
        WaitOptions wait;

        @Override
        public String defaultTimeout() {
            return "2h";
        }
    }

    @Command(name = "upload", mixinStandardHelpOptions = true,
            description = {"Uploads the six CSV files of DIR to a profile.",
                    "With --start: starts the sync; with --start --wait: waits for a final status."})
    static final class UploadVerb extends SyncWaitVerb {
        @Parameters(index = "0", paramLabel = "ID")
        String id;

        @Parameters(index = "1", paramLabel = "DIR")
        Path dir;

        @Option(names = "--start", description = "Start the sync after the upload.")
        boolean start;

        @Override
        int run(SdsDestination sds) throws Exception {
            if (!Files.isDirectory(dir)) {
                throw new CliException(USAGE, dir + " is not a folder; name the folder holding the six CSV files.");
            }
            sds.uploadBatch(id, dir);
            if (!json()) {
                out.println("Uploaded " + dir + " to profile " + id + ".");
            }
            if (!start) {
                if (json()) {
                    print(JSON.createObjectNode().put("id", id).put("uploaded", dir.toString()));
                }
                return OK;
            }
            return start(sds, id, wait);
        }
    }

    @Command(name = "start", mixinStandardHelpOptions = true,
            description = {"Starts the sync of the uploaded files; prints SDS's messages.",
                    "With --wait: waits for a final status."})
    static final class StartVerb extends SyncWaitVerb {
        @Parameters(index = "0", paramLabel = "ID")
        String id;

        @Override
        int run(SdsDestination sds) throws Exception {
            return start(sds, id, wait);
        }
    }

    /** What an {@link ActionVerb} asks SDS to do. */
    @FunctionalInterface
    interface Action {
        void apply(SdsDestination sds, String profileId) throws Exception;
    }

    /** A verb that asks SDS to do one thing to a profile and prints that it was done. */
    abstract static class ActionVerb extends ProfileVerb {
        @Parameters(index = "0", paramLabel = "ID")
        String id;

        private final String word;
        private final String sentence;
        private final Action action;

        /** {@code word} for --json ({@code {"id", "done": word}}); {@code sentence} with %s for the id. */
        ActionVerb(String word, String sentence, Action action) {
            this.word = word;
            this.sentence = sentence;
            this.action = action;
        }

        @Override
        int run(SdsDestination sds) throws Exception {
            action.apply(sds, id);
            return done(id, word, String.format(sentence, id));
        }
    }

    @Command(name = "pause", mixinStandardHelpOptions = true, description = "Pauses a profile's sync.")
    static final class PauseVerb extends ActionVerb {
        PauseVerb() {
            super("paused", "Paused profile %s.", SdsDestination::pause);
        }
    }

    @Command(name = "resume", mixinStandardHelpOptions = true, description = "Resumes a paused profile.")
    static final class ResumeVerb extends ActionVerb {
        ResumeVerb() {
            super("resumed", "Resumed profile %s.", SdsDestination::resume);
        }
    }

    @Command(name = "reset", mixinStandardHelpOptions = true,
            description = "Restarts a profile's sync and deletes its recorded errors.")
    static final class ResetVerb extends ActionVerb {
        ResetVerb() {
            super("reset", "Reset profile %s: errors cleared, sync restarted.", SdsDestination::reset);
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = {"Shows a profile's sync status.",
                    "With --wait: waits for a final status (success, error, validationError, quarantined)."})
    static final class StatusVerb extends SyncWaitVerb {
        @Parameters(index = "0", paramLabel = "ID")
        String id;

        @Override
        int run(SdsDestination sds) throws Exception {
            if (wait.await()) {
                return finalStatus(awaitFinal(sds, id, wait.timeout()), id);
            }
            ProfileStatus st = sds.status(id);
            if (json()) {
                print(statusJson(st));
            } else {
                out.println("status:               " + st.status().wire()
                        + (st.status() == SyncStatus.UNKNOWN_FUTURE_VALUE && st.raw() != null
                        && !st.raw().equals(st.status().wire()) ? " (SDS said " + st.raw() + ")" : ""));
                out.println("message:              " + (st.statusMessage() == null ? "" : st.statusMessage()));
                out.println("errors:               " + st.errorCount());
                out.println("last synchronization: " + (st.lastSynchronization() == null ? "never"
                        : st.lastSynchronization()));
                out.println("last activity:        " + (st.lastActivity() == null ? "none" : st.lastActivity()));
            }
            return OK;
        }
    }

    @Command(name = "errors", mixinStandardHelpOptions = true, description = "Lists the errors SDS recorded for a profile.")
    static final class ErrorsVerb extends ProfileVerb {
        @Parameters(index = "0", paramLabel = "ID")
        String id;

        @Option(names = "--max", defaultValue = "100", description = "Show at most this many (default 100).")
        int max;

        @Override
        int run(SdsDestination sds) throws Exception {
            if (max < 1) {
                throw new CliException(USAGE, "--max must be at least 1.");
            }
            ErrorPage page = sds.errors(id, max);
            if (json()) {
                ObjectNode n = JSON.createObjectNode();
                n.put("@odata.count", page.total());
                ArrayNode v = n.putArray("value");
                page.errors().forEach(e -> v.add(JSON.valueToTree(e.toMap())));
                print(n);
                return OK;
            }
            out.println(page.total() + " error(s)" + (page.total() > page.errors().size() ? ", the first "
                    + page.errors().size() + " shown" : "") + ".");
            for (SdsError e : page.errors()) {
                out.println(e.entryType() + "  " + e.errorCode() + "  " + e.reportableIdentifier() + "  "
                        + e.errorMessage());
            }
            return OK;
        }
    }
}
