package org.sis2sds.sandbox.industrydata;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.sis2sds.core.FileTrees;
import org.sis2sds.sandbox.graph.GraphError;
import org.sis2sds.sandbox.graph.GraphRequest;
import org.sis2sds.sandbox.graph.GraphResponse;
import org.sis2sds.sandbox.graph.GraphService;
import org.sis2sds.sandbox.graph.ODataPath;
import org.sis2sds.sandbox.sds.SdsSandbox;

/**
 * The industryData service on the SDS sandbox's Graph layer: the layer has verified the token, drawn the faults and
 * split the path; this turns the request into a {@link GraphCall} (tenant and roles from the token) and answers it
 * with {@link IndustryDataService}; the layer renders its {@link GraphError}s. Upload containers
 * live on the sandbox's storage server; validated snapshots are copied under the storage folder
 * ({@code .industrydata}, a name no container can have) and go with it.
 */
public final class IndustryDataGraph implements GraphService, AutoCloseable {
    /** Where the service is served. */
    public static final String PATH = "/beta/external/industryData";

    private static final java.util.concurrent.atomic.AtomicInteger WORK_DIRS = new java.util.concurrent.atomic.AtomicInteger();
    private final SdsSandbox sandbox;
    private volatile IndustryDataService service;
    private volatile Path work;

    private IndustryDataGraph(SdsSandbox sandbox, IndustryDataOptions options) {
        this.sandbox = sandbox;
        reset(options);
    }

    /**
     * Serves industryData with these options on {@code sandbox} (call before {@code start()}: it then wins over the
     * one made from the settings).
     */
    public static IndustryDataGraph attach(SdsSandbox sandbox, IndustryDataOptions options) {
        IndustryDataGraph g = create(sandbox, options);
        sandbox.register(PATH, g);
        return g;
    }

    static IndustryDataGraph create(SdsSandbox sandbox, IndustryDataOptions options) {
        return new IndustryDataGraph(sandbox, options);
    }

    /** Starts over with an empty service and these options (tests that share one sandbox). */
    public synchronized void reset(IndustryDataOptions options) {
        if (work != null) {
            FileTrees.deleteQuietly(work);
        }
        work = sandbox.storage().folder(".industrydata-" + WORK_DIRS.incrementAndGet(), null);
        service = new IndustryDataService(options, new StorageUploads(sandbox.storage()), work, Clock.systemUTC());
    }

    /** The service behind the routes (tests: lost answers, record states). */
    public IndustryDataService service() {
        return service;
    }

    @Override
    public GraphResponse handle(GraphRequest r) throws IOException {
        GraphPath.Builder path = new GraphPath.Builder();
        for (ODataPath.Segment s : r.segments()) {
            path.add(s.name(), s.params());
        }
        Set<String> roles = r.token() == null ? Set.of() : r.token().roles();
        String tenant = r.token() == null ? "" : r.token().tenantId();
        GraphCall call = new GraphCall(r.method(), path.build(), r.query(), body(r), r.baseUrl() + "/beta",
                new GraphCall.Caller(tenant, roles));
        IndustryDataService service = this.service;
        GraphResponse answer = service.handle(call);
        return service.answerLost(call) ? GraphResponse.lost() : answer;
    }

    private static String body(GraphRequest r) throws IOException {
        byte[] b = r.body();
        if ("gzip".equalsIgnoreCase(r.header("Content-Encoding"))) {
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(b))) {
                b = in.readAllBytes();
            }
        }
        return new String(b, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        FileTrees.deleteQuietly(work);
    }
}
