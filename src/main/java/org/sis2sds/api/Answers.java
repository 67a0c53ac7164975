package org.sis2sds.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import org.sis2sds.api.Resources.CatalogResource;
import org.sis2sds.api.Resources.ClusterResource;
import org.sis2sds.api.Resources.QuarantineResource;
import org.sis2sds.api.Resources.RunResource;
import org.sis2sds.api.Resources.StatusResource;
import org.sis2sds.api.Resources.SyncResource;

/**
 * The envelopes the management API answers with: {@code {"success": true, "message", "data"}} where data is one
 * resource or a list of them, and {@code {"success": false, "message", "errors"}} for a refusal. One record per shape,
 * so that the OpenAPI document names each answer exactly.
 */
public final class Answers {
    private Answers() {
    }

    @Schema(name = "SyncAnswer")
    public record OneSync(boolean success, String message, SyncResource data) {
        OneSync(String message, SyncResource data) {
            this(true, message, data);
        }
    }

    @Schema(name = "SyncListAnswer")
    public record SyncList(boolean success, String message, List<SyncResource> data) {
        SyncList(String message, List<SyncResource> data) {
            this(true, message, data);
        }
    }

    @Schema(name = "RunAnswer")
    public record OneRun(boolean success, String message, RunResource data) {
        OneRun(String message, RunResource data) {
            this(true, message, data);
        }
    }

    @Schema(name = "RunListAnswer")
    public record RunList(boolean success, String message, List<RunResource> data) {
        RunList(String message, List<RunResource> data) {
            this(true, message, data);
        }
    }

    @Schema(name = "SyncStatusAnswer")
    public record OneStatus(boolean success, String message, StatusResource data) {
        OneStatus(String message, StatusResource data) {
            this(true, message, data);
        }
    }

    @Schema(name = "QuarantinedBatchAnswer")
    public record OneQuarantined(boolean success, String message, QuarantineResource data) {
        OneQuarantined(String message, QuarantineResource data) {
            this(true, message, data);
        }
    }

    @Schema(name = "QuarantineListAnswer")
    public record QuarantineList(boolean success, String message, List<QuarantineResource> data) {
        QuarantineList(String message, List<QuarantineResource> data) {
            this(true, message, data);
        }
    }

    @Schema(name = "CatalogListAnswer")
    public record CatalogList(boolean success, String message, List<CatalogResource> data) {
        CatalogList(String message, List<CatalogResource> data) {
            this(true, message, data);
        }
    }

    @Schema(name = "ClusterAnswer")
    public record OneCluster(boolean success, String message, ClusterResource data) {
        OneCluster(String message, ClusterResource data) {
            this(true, message, data);
        }
    }

    @Schema(name = "Failure", description = "A refused request: one sentence saying what to fix, and every reason.")
    public record Failure(@Schema(allowableValues = "false") boolean success, String message, List<Problem> errors) {
        Failure(String message, List<Problem> errors) {
            this(false, message, errors);
        }
    }

    @Schema(description = "One reason: the attribute or parameter it is about (when there is one) and what is wrong.")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Problem(String field, String detail) {
        static Problem of(String detail) {
            return new Problem(null, detail);
        }
    }
}
