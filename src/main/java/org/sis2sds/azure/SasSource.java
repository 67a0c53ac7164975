package org.sis2sds.azure;

import java.io.IOException;

/**
 * Where an upload gets its SAS URL: the one held, and a fresh one when the storage service refused it (403: it
 * expired or was revoked). SDS Classic asks {@code uploadUrl} again; an industryData upload asks for the session.
 */
public interface SasSource {
    SasUrl current() throws IOException, InterruptedException;

    /** A new URL after {@code refused} was refused; implementations may return the same one when it is newer. */
    SasUrl renew(SasUrl refused) throws IOException, InterruptedException;

    /** A source that has one URL only. */
    static SasSource of(SasUrl url) {
        return new SasSource() {
            @Override
            public SasUrl current() {
                return url;
            }

            @Override
            public SasUrl renew(SasUrl refused) {
                return url;
            }
        };
    }
}
