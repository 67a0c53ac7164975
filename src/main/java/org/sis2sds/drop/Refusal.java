package org.sis2sds.drop;

/**
 * A dropped batch that is refused before validation (a hostile or unreadable zip, a folder holding something other
 * than the six CSV files). The message is one sentence, shown to people in the report and the notification.
 */
public class Refusal extends Exception {
    public Refusal(String message) {
        super(message, null, false, false);
    }
}
