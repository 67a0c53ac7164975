package org.sis2sds.sandbox.entra;

/** A bearer token the sandbox does not accept, with the sentence Graph answers in its 401. */
public final class TokenRejected extends Exception {
    public TokenRejected(String message) {
        super(message, null, false, false);
    }
}
