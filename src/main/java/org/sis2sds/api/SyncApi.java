package org.sis2sds.api;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.camel.Body;
import org.apache.camel.Header;
import org.sis2sds.api.Answers.CatalogList;
import org.sis2sds.api.Answers.OneCluster;
import org.sis2sds.api.Answers.OneQuarantined;
import org.sis2sds.api.Answers.OneRun;
import org.sis2sds.api.Answers.OneStatus;
import org.sis2sds.api.Answers.OneSync;
import org.sis2sds.api.Answers.QuarantineList;
import org.sis2sds.api.Answers.RunList;
import org.sis2sds.api.Answers.SyncList;
import org.sis2sds.api.Resources.CatalogResource;
import org.sis2sds.api.Resources.ClusterResource;
import org.sis2sds.api.Resources.QuarantineResource;
import org.sis2sds.api.Resources.RunResource;
import org.sis2sds.api.Resources.StatusAttrs;
import org.sis2sds.api.Resources.StatusResource;
import org.sis2sds.api.Resources.SyncResource;
import org.sis2sds.core.ClusterView;
import org.sis2sds.sync.Catalog;
import org.sis2sds.sync.QuarantineEntry;
import org.sis2sds.sync.Run;
import org.sis2sds.sync.SyncDef;
import org.sis2sds.sync.SyncException;
import org.sis2sds.sync.SyncManager;

/**
 * Bean {@code syncApi}: what each endpoint of {@code routes/api.camel.yaml} does, through {@link SyncManager}. The
 * Rest DSL binds the request body to {@link SyncRequest} and writes the records returned here as JSON; a refusal is
 * a {@link SyncException} that {@link ApiErrors} answers. Authentication happened before ({@link ApiGuard}).
 */
public final class SyncApi {
    private final SyncManager manager;
    private final ClusterView cluster;

    public SyncApi(SyncManager manager, ClusterView cluster) {
        this.manager = manager;
        this.cluster = cluster;
    }

    private SyncResource resource(SyncDef s) {
        return SyncResource.of(s, manager.statusOf(s));
    }

    /** The attributes sent in a create or change; refuses a body that is not {@code {"sync": {...}}}. */
    private static Map<String, Object> attributes(SyncRequest body) {
        if (body == null) {
            throw new SyncException(400, "The request needs a JSON body " + ApiErrors.BODY_SHAPE + ".");
        }
        if (body.sync() == null) {
            throw new SyncException(400, "The request body must be " + ApiErrors.BODY_SHAPE + ".");
        }
        return body.sync().given();
    }

    // ------------------------------------------------------------------------------------------------ syncs

    public SyncList listSyncs() {
        List<SyncResource> data = manager.list().stream().map(this::resource).toList();
        return new SyncList(data.size() + " sync(s).", data);
    }

    public OneSync createSync(@Body SyncRequest body) {
        SyncDef s = manager.create(attributes(body));
        return new OneSync("Sync " + s.id + " created.", resource(s));
    }

    public OneSync getSync(@Header("id") String id) {
        return new OneSync("Sync " + id + ".", resource(manager.get(id)));
    }

    public OneSync updateSync(@Header("id") String id, @Body SyncRequest body) {
        manager.get(id);
        SyncDef s = manager.update(id, attributes(body));
        return new OneSync("Sync " + id + " updated.", resource(s));
    }

    public OneSync deleteSync(@Header("id") String id) {
        SyncDef s = manager.get(id);
        manager.delete(id);
        return new OneSync("Sync " + id + " deleted.", SyncResource.of(s, "deleted"));
    }

    public OneSync pauseSync(@Header("id") String id) {
        SyncDef s = manager.pause(id);
        return new OneSync("Sync " + s.id + " paused: no new runs start; a run in progress finishes.", resource(s));
    }

    public OneSync resumeSync(@Header("id") String id) {
        SyncDef s = manager.resume(id);
        return new OneSync("Sync " + s.id + " resumed.", resource(s));
    }

    public OneSync resetSync(@Header("id") String id) {
        String msg = manager.reset(id);
        return new OneSync(msg, resource(manager.get(id)));
    }

    public OneStatus syncStatus(@Header("id") String id) {
        StatusAttrs a = StatusAttrs.of(manager.statusDetails(id));
        return new OneStatus("Sync " + id + " is " + a.status() + ".", new StatusResource(id, "sync_status", a));
    }

    // ------------------------------------------------------------------------------------------------ runs

    public OneRun runSync(@Header("id") String id) {
        Run r = manager.trigger(id, "api", true);
        return new OneRun("Run " + r.id + " of sync " + r.syncId + " started; follow it at " + Resources.BASE
                + "/syncs/" + r.syncId + "/runs/" + r.id + ".", RunResource.of(r));
    }

    public RunList listRuns(@Header("id") String id, @Header("per_page") String perPageParam,
            @Header("page") String pageParam, @Header("status") String status) {
        manager.get(id);
        int perPage = intParam("per_page", perPageParam, 25, 1, 500);
        int page = intParam("page", pageParam, 1, 1, Integer.MAX_VALUE);
        List<RunResource> data = manager.store().listRuns(id, status == null || status.isBlank() ? null : status,
                perPage, (page - 1) * perPage).stream().map(RunResource::of).toList();
        return new RunList(data.size() + " run(s) of sync " + id + ", newest first.", data);
    }

    public OneRun getRun(@Header("id") String id, @Header("runId") String runId) {
        Run r = manager.getRun(id, runId);
        return new OneRun("Run " + r.id + " of sync " + r.syncId + " " + r.status + ".", RunResource.of(r));
    }

    // ------------------------------------------------------------------------------------------------ quarantine

    public QuarantineList listQuarantine() {
        List<QuarantineResource> data = manager.quarantine().stream().map(QuarantineResource::of).toList();
        return new QuarantineList(data.size() + " quarantined batch(es).", data);
    }

    public OneRun releaseQuarantine(@Header("id") String id) {
        Run r = manager.release(id);
        return new OneRun("Batch " + id + " released: it is being published as run " + r.id + " of sync " + r.syncId
                + ".", RunResource.of(r));
    }

    public OneQuarantined discardQuarantine(@Header("id") String id) {
        QuarantineEntry q = manager.discard(id);
        return new OneQuarantined("Batch " + q.id + " discarded: it stays in quarantine and will not be published.",
                QuarantineResource.of(q));
    }

    // ------------------------------------------------------------------------------------------------ catalog

    public CatalogList listSources() {
        return catalog(Catalog::sources, "sources");
    }

    public CatalogList listDestinations() {
        return catalog(Catalog::destinations, "destinations");
    }

    public CatalogList listModels() {
        return catalog(Catalog::models, "models");
    }

    private CatalogList catalog(Function<Catalog, Map<String, Catalog.Item>> which, String type) {
        List<CatalogResource> data = which.apply(manager.catalog()).values().stream()
                .map(i -> CatalogResource.of(i, type)).toList();
        return new CatalogList(data.size() + " " + type + ".", data);
    }

    // ------------------------------------------------------------------------------------------------ cluster

    public OneCluster cluster() {
        ClusterResource c = ClusterResource.of(cluster);
        return new OneCluster("Node " + c.id() + " is " + c.attributes().role() + ".", c);
    }

    private static int intParam(String name, String v, int def, int min, int max) {
        if (v == null || v.isBlank()) {
            return def;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n < min || n > max) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new SyncException(400, "Query parameter " + name + " must be a whole number from " + min
                    + (max == Integer.MAX_VALUE ? " up" : " to " + max) + ".", List.of(Map.of("field", name,
                    "detail", "must be a whole number from " + min)));
        }
    }
}
