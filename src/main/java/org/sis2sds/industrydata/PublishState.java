package org.sis2sds.industrydata;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a publication has done so far, recorded durably BEFORE it goes on, so that a crash or a kill -9 resumes it
 * without a second upload once the first was validated, and never calls validate or runs/start twice blindly. In the
 * daemon it is the batch's {@code _publish.json} ({@code org.sis2sds.pipeline.PublishJournal}); {@code flow upload}
 * keeps it in memory.
 */
public interface PublishState {
    /** Upload done: {@code {"containerId", "files", "bytes"}}. */
    String UPLOADED = "industrydata.uploaded";
    /** About to call validate (the time, ISO-8601): after a crash, ask SDS before calling again. */
    String VALIDATE_CALLING = "industrydata.validate.calling";
    /** The validate operation's URL (or id). */
    String OPERATION = "industrydata.validate.operation";
    /** The operation's verdict: {@code {"at", "errors", "warnings", "files"}}. */
    String VALIDATED = "industrydata.validate.result";
    /** About to call runs/start (the time). */
    String START_CALLING = "industrydata.run.start.calling";
    /** What runs/start led to: STARTED, REFUSED or UNKNOWN. */
    String STARTED = "industrydata.run.start";
    /** The id of the SDS run that picked the upload up. */
    String RUN = "industrydata.run.id";

    boolean has(String key);

    String get(String key);

    /** Records {@code key} (null forgets it); durable when this returns. */
    void record(String key, String value) throws IOException;

    /** Forgets what an upload left (a session that expired before it was validated): the upload is redone. */
    default void forgetUpload() throws IOException {
        record(UPLOADED, null);
        record(VALIDATE_CALLING, null);
    }

    /** A state that lives in memory only (the command line). */
    static PublishState inMemory() {
        Map<String, String> m = new ConcurrentHashMap<>();
        return new PublishState() {
            @Override
            public boolean has(String key) {
                return m.containsKey(key);
            }

            @Override
            public String get(String key) {
                return m.get(key);
            }

            @Override
            public void record(String key, String value) {
                if (value == null) {
                    m.remove(key);
                } else {
                    m.put(key, value);
                }
            }
        };
    }
}
