package org.sis2sds.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.sis2sds.core.ConfigException;

/** What a person sees of an error: one line. */
class Sis2sdsTest {
    @Test
    void anUnexpectedErrorIsShownAsTheFirstLineOfItsRootCause() {
        Exception e = new IllegalStateException("wrapper", new IOException("Disk full on /data\n\tdetails\nmore"));
        assertThat(Sis2sds.oneSentence(e)).isEqualTo("Disk full on /data");
        assertThat(Sis2sds.oneSentence(new RuntimeException(new IOException())))
                .isEqualTo("IOException (run with --verbose for details).");
        assertThat(Sis2sds.oneSentence(new RuntimeException(new ConfigException("k", "Setting k is missing."))))
                .isEqualTo("Setting k is missing.");
    }
}
