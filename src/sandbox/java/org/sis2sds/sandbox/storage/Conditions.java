package org.sis2sds.sandbox.storage;

import java.time.Instant;

/** Azure's conditional headers (If-Match, If-None-Match, If-Modified-Since, If-Unmodified-Since) on writes and reads. */
final class Conditions {
    private Conditions() {
    }

    /** If-Match, If-None-Match (* = must not exist), If-(Un)Modified-Since on a write. */
    static void write(StorageRequest r, BlobStore.Blob existing, String existsCode, String existsMessage) {
        String ifMatch = r.header("If-Match");
        String ifNone = r.header("If-None-Match");
        if (ifNone != null && ifNone.trim().equals("*") && existing != null) {
            throw new StorageError(409, existsCode, existsMessage);
        }
        if (ifMatch != null && (existing == null || !(ifMatch.trim().equals("*") || etagIn(ifMatch, existing.etag)))) {
            throw StorageError.conditionNotMet();
        }
        if (ifNone != null && existing != null && etagIn(ifNone, existing.etag)) {
            throw StorageError.conditionNotMet();
        }
        if (existing != null && timeConditionFails(r, existing.modified)) {
            throw StorageError.conditionNotMet();
        }
    }

    /** Conditions on a read; true when the answer is 304 Not Modified. */
    static boolean read(StorageRequest r, BlobStore.Blob b) {
        String ifMatch = r.header("If-Match");
        if (ifMatch != null && !(ifMatch.trim().equals("*") || etagIn(ifMatch, b.etag))) {
            throw StorageError.conditionNotMet();
        }
        Instant unmod = r.header("If-Unmodified-Since") == null ? null
                : StorageXml.parseDate(r.header("If-Unmodified-Since"));
        if (unmod != null && b.modified.getEpochSecond() > unmod.getEpochSecond()) {
            throw StorageError.conditionNotMet();
        }
        String ifNone = r.header("If-None-Match");
        if (ifNone != null && (ifNone.trim().equals("*") || etagIn(ifNone, b.etag))) {
            return true;
        }
        Instant mod = r.header("If-Modified-Since") == null ? null : StorageXml.parseDate(r.header("If-Modified-Since"));
        return mod != null && b.modified.getEpochSecond() <= mod.getEpochSecond();
    }

    private static boolean timeConditionFails(StorageRequest r, Instant modified) {
        Instant mod = r.header("If-Modified-Since") == null ? null : StorageXml.parseDate(r.header("If-Modified-Since"));
        Instant unmod = r.header("If-Unmodified-Since") == null ? null
                : StorageXml.parseDate(r.header("If-Unmodified-Since"));
        return (mod != null && modified.getEpochSecond() <= mod.getEpochSecond())
                || (unmod != null && modified.getEpochSecond() > unmod.getEpochSecond());
    }

    private static boolean etagIn(String header, String etag) {
        for (String e : header.split(",")) {
            if (e.trim().replace("W/", "").equals(etag)) {
                return true;
            }
        }
        return false;
    }
}
