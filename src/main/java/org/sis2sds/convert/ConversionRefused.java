package org.sis2sds.convert;

import java.io.IOException;

/** A v1 batch that cannot become a valid v2.1 batch; the message says what to fix, in one sentence. */
public final class ConversionRefused extends IOException {
    public ConversionRefused(String message) {
        super(message);
    }
}
