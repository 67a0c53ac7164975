package org.sis2sds.sandbox.storage;

import java.time.Instant;

/** A committed file (blob) of the storage sandbox, as its Java API lists it. */
public record StoredFile(String name, long size, String etag, Instant lastModified) {
}
