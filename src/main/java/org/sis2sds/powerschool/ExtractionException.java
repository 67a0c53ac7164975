package org.sis2sds.powerschool;

/**
 * A PowerSchool extraction that could not produce a complete batch: the source was unreachable, kept failing after
 * the retries, refused the credentials, answered something unusable, or had nothing to extract. The message is one
 * sentence naming what to fix; no partial batch is left behind.
 */
public class ExtractionException extends Exception {
    public ExtractionException(String message) {
        super(message);
    }

    public ExtractionException(String message, Throwable cause) {
        super(message, cause);
    }
}
