package org.sis2sds.sds;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.sis2sds.validate.Message;

/**
 * "The SDS destination": where a batch is published and whose sync is watched. {@link ClassicSdsClient} speaks the
 * SDS Classic synchronizationProfiles API; a Graph industryData implementation can sit beside it (a profile is
 * then an inbound flow, upload the upload session, start the validate operation).
 *
 * <p>Every method throws {@link SdsException} when SDS refuses (its message is one sentence for people) and
 * {@link IOException} when SDS cannot be reached after the retries.
 */
public interface SdsDestination extends AutoCloseable {

    /** A short description for logs, e.g. "SDS Classic at https://graph.microsoft.com/beta". */
    String describe();

    /** Uploads the six files of a batch folder (canonical names) to the profile; waits while SDS is busy. */
    void uploadBatch(String profileId, Path dir) throws IOException, InterruptedException;

    /** Starts the sync of what was uploaded; returns SDS's verification messages (any Error: it did not start). */
    List<Message> start(String profileId) throws IOException, InterruptedException;

    ProfileStatus status(String profileId) throws IOException, InterruptedException;

    /** Up to {@code limit} recorded errors, with the total count. */
    ErrorPage errors(String profileId, int limit) throws IOException, InterruptedException;

    List<JsonNode> listProfiles() throws IOException, InterruptedException;

    JsonNode getProfile(String profileId) throws IOException, InterruptedException;

    JsonNode createProfile(JsonNode profile) throws IOException, InterruptedException;

    JsonNode updateProfile(String profileId, JsonNode profile) throws IOException, InterruptedException;

    void deleteProfile(String profileId) throws IOException, InterruptedException;

    /** Waits until the profile is provisioned; fails on provisioningFailed or after {@code timeout}. */
    JsonNode awaitProvisioned(String profileId, Duration timeout) throws IOException, InterruptedException;

    void pause(String profileId) throws IOException, InterruptedException;

    void resume(String profileId) throws IOException, InterruptedException;

    /** Restarts the sync and deletes the recorded errors. */
    void reset(String profileId) throws IOException, InterruptedException;

    @Override
    default void close() {
    }
}
