package org.sis2sds.industrydata;

import org.sis2sds.pipeline.PublishJournal;

/** The daemon's {@link PublishState}: the batch's publish journal ({@code _publish.json}, written before each step goes on). */
final class JournalState implements PublishState {
    private final PublishJournal journal;

    JournalState(PublishJournal journal) {
        this.journal = journal;
    }

    @Override
    public boolean has(String key) {
        return journal.has(key);
    }

    @Override
    public String get(String key) {
        return journal.getString(key);
    }

    @Override
    public void record(String key, String value) {
        journal.record(key, value);
    }
}
