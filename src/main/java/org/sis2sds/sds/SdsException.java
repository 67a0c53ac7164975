package org.sis2sds.sds;

/**
 * SDS refused a request (or could not be signed in to). The message is one sentence naming what was refused and
 * why; it never holds a secret, a token or a SAS signature.
 */
public class SdsException extends org.sis2sds.http.ServiceRefusal {
    public SdsException(int status, String code, String message) {
        super(status, code, message);
    }
}
