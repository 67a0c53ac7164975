package org.sis2sds.azure;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sis2sds.http.Resilient;

/**
 * The plumbing every upload to Azure storage shares (Blob blocks here, Data Lake appends beside it): requests built
 * against the current SAS URL with an explicit {@code x-ms-version}, sent through {@link Resilient} (429, 5xx and I/O
 * failures retried with backoff honouring {@code Retry-After}), sent once more with a renewed SAS after a 403, and
 * any other refusal turned into an {@link UploadException} that names the file and Azure's error code.
 */
public final class AzureHttp {
    private static final Pattern MAX_LIMIT = Pattern.compile("<MaxLimit>(\\d+)</MaxLimit>");
    private static final Pattern CODE = Pattern.compile("<Code>([^<]+)</Code>|\"code\"\\s*:\\s*\"([^\"]+)\"");
    private final Resilient http;
    private final UploadOptions options;

    public AzureHttp(Resilient http, UploadOptions options) {
        this.http = http;
        this.options = options;
    }

    public UploadOptions options() {
        return options;
    }

    /**
     * Sends the request {@code build} makes for a SAS URL; returns the answer when its status is one of {@code ok}.
     *
     * @param file what is being uploaded, for messages
     * @param what the operation, for messages ("Put Block 3 of 12")
     */
    public HttpResponse<String> send(String file, String what, SasSource sas, Function<SasUrl, HttpRequest.Builder> build,
                                     int... ok) throws IOException, InterruptedException {
        SasUrl url = sas.current();
        HttpResponse<String> r = once(url, build);
        boolean renewed = false;
        if (r.statusCode() == 403) {
            SasUrl fresh = sas.renew(url);
            if (!fresh.equals(url)) {
                renewed = true;
                r = once(fresh, build);
            }
        }
        for (int s : ok) {
            if (r.statusCode() == s) {
                return r;
            }
        }
        throw refusal(file, what, r, renewed);
    }

    private HttpResponse<String> once(SasUrl url, Function<SasUrl, HttpRequest.Builder> build)
            throws IOException, InterruptedException {
        try {
            return http.send(() -> build.apply(url).timeout(options.requestTimeout())
                    .setHeader("x-ms-version", options.version()), info -> info.statusCode() >= 300
                    ? HttpResponse.BodySubscribers.ofString(StandardCharsets.UTF_8)
                    : HttpResponse.BodySubscribers.replacing(""), null);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** The one sentence for a refused upload request. */
    static UploadException refusal(String file, String what, HttpResponse<String> r, boolean renewed) {
        String body = r.body() == null ? "" : r.body();
        String code = r.headers().firstValue("x-ms-error-code").orElse("");
        if (code.isEmpty()) {
            Matcher m = CODE.matcher(body);
            code = m.find() ? (m.group(1) != null ? m.group(1) : m.group(2)) : "";
        }
        int status = r.statusCode();
        String detail = code.isEmpty() ? "HTTP " + status : code + ", HTTP " + status;
        String text;
        if (status == 413) {
            Matcher m = MAX_LIMIT.matcher(body);
            text = "Azure storage refused " + file + " as too large for one request (" + detail
                    + (m.find() ? ", limit " + m.group(1) + " bytes" : "") + "); lower sis2sds.sds.upload.block-threshold "
                    + "or sis2sds.sds.upload.block-size so it goes in smaller blocks.";
        } else if (status == 403) {
            text = renewed ? "Azure storage refused " + file + " (" + detail + ") even with a fresh upload URL: the SAS "
                    + "does not allow " + what + "." : "Azure storage refused " + what + " of " + file + " (" + detail
                    + "): the upload URL's signature is no longer accepted.";
        } else {
            text = "Azure storage refused " + what + " of " + file + " (" + detail + ").";
        }
        return new UploadException(file, status, code, text);
    }

    /** The body of {@code length} bytes of {@code file} from {@code offset}, read as it is sent (never in memory). */
    public static HttpRequest.BodyPublisher fileRange(Path file, long offset, long length) {
        return HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> {
            try {
                FileChannel ch = FileChannel.open(file);
                ch.position(offset);
                return new BoundedInput(Channels.newInputStream(ch), length);
            } catch (FileNotFoundException e) {
                throw new UncheckedIOException(e);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }), length);
    }

    /** At most {@code left} bytes of a stream. */
    private static final class BoundedInput extends InputStream {
        private final InputStream in;
        private long left;

        BoundedInput(InputStream in, long left) {
            this.in = in;
            this.left = left;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
