package org.sis2sds.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.sis2sds.batch.V21File;

/** Microsoft's official SDS v2.1 sample files (src/test/resources/samples/sds-v2.1, see its README). */
public final class Samples {
    private Samples() {
    }

    /** Copies the ten sample files into {@code dir} (created if needed); returns {@code dir}. */
    public static Path v21(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (V21File f : V21File.values()) {
            try (InputStream in = Samples.class.getResourceAsStream("/samples/sds-v2.1/" + f.canonicalName())) {
                Files.copy(in, dir.resolve(f.canonicalName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return dir;
    }
}
