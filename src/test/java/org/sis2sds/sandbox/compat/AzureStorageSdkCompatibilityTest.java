package org.sis2sds.sandbox.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobContainerClientBuilder;
import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobRequestConditions;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.BlockListType;
import com.azure.storage.blob.models.ParallelTransferOptions;
import com.azure.storage.blob.options.BlobUploadFromFileOptions;
import com.azure.storage.blob.sas.BlobContainerSasPermission;
import com.azure.storage.blob.sas.BlobServiceSasSignatureValues;
import com.azure.storage.common.StorageSharedKeyCredential;
import com.azure.storage.file.datalake.DataLakeDirectoryClient;
import com.azure.storage.file.datalake.DataLakeFileClient;
import com.azure.storage.file.datalake.DataLakePathClientBuilder;
import com.azure.storage.file.datalake.models.DataLakeStorageException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sis2sds.sandbox.FaultSettings;
import org.sis2sds.sandbox.storage.StorageServer;
import org.sis2sds.sandbox.storage.StoredFile;

/**
 * Microsoft's own storage clients, unchanged (azure-storage-blob, azure-storage-file-datalake), against the storage
 * sandbox through the SAS URLs it issues: a 70 MiB file as blocks and as one Put Blob (refused with 413 at a
 * service version that caps a single Put Blob at 64 MiB), and Data Lake create/append/flush through a directory
 * SAS as an industryData upload session gives it.
 */
class AzureStorageSdkCompatibilityTest {
    static final long MIB = 1024 * 1024;
    static StorageServer storage;
    static Path big;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() throws IOException {
        storage = new StorageServer("sdssandbox", new FaultSettings(), true).start(0, null);
        big = tmp.resolve("StudentEnrollment.csv");
        Random r = new Random(1);
        byte[] chunk = new byte[(int) MIB];
        try (OutputStream out = Files.newOutputStream(big)) {
            for (int i = 0; i < 70; i++) {
                r.nextBytes(chunk);
                out.write(chunk);
            }
        }
    }

    @AfterAll
    static void stop() {
        storage.close();
    }

    static BlobContainerClient container(String sasUrl, HttpPipelinePolicy... policies) {
        BlobContainerClientBuilder b = new BlobContainerClientBuilder().endpoint(sasUrl);
        for (HttpPipelinePolicy p : policies) {
            b.addPolicy(p);
        }
        return b.buildClient();
    }

    static BlobUploadFromFileOptions options(long maxSingle, BlobRequestConditions conditions) {
        return options(8 * MIB, maxSingle, conditions);
    }

    static BlobUploadFromFileOptions options(long block, long maxSingle, BlobRequestConditions conditions) {
        return new BlobUploadFromFileOptions(big.toString()).setRequestConditions(conditions)
                .setParallelTransferOptions(new ParallelTransferOptions().setBlockSizeLong(block)
                        .setMaxSingleUploadSizeLong(maxSingle).setMaxConcurrency(4));
    }

    @Test
    void blobSdkUploadsSeventyMebibytesAsBlocksThroughTheUploadUrl() throws IOException {
        storage.createContainer("profile-blocks");
        String sas = storage.sasUrl("profile-blocks", null, "w", Duration.ofHours(1), "2015-07-08");
        BlobClient blob = container(sas).getBlobClient("StudentEnrollment.csv");
        blob.uploadFromFileWithResponse(options(8 * MIB, new BlobRequestConditions().setIfNoneMatch("*")), null, null);

        List<StoredFile> files = storage.list("profile-blocks", "");
        assertThat(files).extracting(StoredFile::name).containsExactly("StudentEnrollment.csv");
        assertThat(files.get(0).size()).isEqualTo(70 * MIB);
        assertThat(storage.folder("profile-blocks", null).resolve("StudentEnrollment.csv")).hasSameBinaryContentAs(big);

        // a write-only SAS may not read: Get Block List is refused as Azure refuses it
        assertThatThrownBy(() -> blob.getBlockBlobClient().listBlocks(BlockListType.ALL))
                .isInstanceOfSatisfying(BlobStorageException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(403);
                    assertThat(e.getErrorCode()).isEqualTo(BlobErrorCode.AUTHORIZATION_PERMISSION_MISMATCH);
                });
        // If-None-Match: * on an existing blob
        assertThatThrownBy(() -> blob.uploadFromFileWithResponse(options(8 * MIB,
                new BlobRequestConditions().setIfNoneMatch("*")), null, null))
                .isInstanceOfSatisfying(BlobStorageException.class, e ->
                        assertThat(e.getErrorCode()).isEqualTo(BlobErrorCode.BLOB_ALREADY_EXISTS));
    }

    @Test
    void aSinglePutBlobOfSeventyMebibytesPassesAtANewVersionAndIs413AtAnOldOne() {
        storage.createContainer("profile-single");
        String sas = storage.sasUrl("profile-single", null, "rwl", Duration.ofHours(1), "2015-07-08");
        BlobClient now = container(sas).getBlobClient("StudentEnrollment.csv");
        now.uploadFromFileWithResponse(options(256 * MIB, null), null, null);
        assertThat(now.getProperties().getBlobSize()).isEqualTo(70 * MIB);
        assertThat(now.getBlockBlobClient().listBlocks(BlockListType.COMMITTED).getCommittedBlocks())
                .as("one Put Blob, no blocks").isEmpty();

        HttpPipelinePolicy old = (ctx, next) -> {
            ctx.getHttpRequest().setHeader(com.azure.core.http.HttpHeaderName.fromString("x-ms-version"), "2015-07-08");
            return next.process();
        };
        BlobClient then = container(sas, old).getBlobClient("Old.csv");
        assertThatThrownBy(() -> then.uploadFromFileWithResponse(options(256 * MIB, null), null, null))
                .isInstanceOfSatisfying(BlobStorageException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(413);
                    assertThat(e.getErrorCode()).isEqualTo(BlobErrorCode.REQUEST_BODY_TOO_LARGE);
                    assertThat(e.getMessage()).contains("67108864");
                });
        assertThat(storage.list("profile-single", "")).extracting(StoredFile::name)
                .containsExactly("StudentEnrollment.csv");
        // at the old version a block is at most 4 MiB: 8 MiB blocks are refused, 4 MiB blocks make the blob
        assertThatThrownBy(() -> then.uploadFromFileWithResponse(options(8 * MIB, 8 * MIB, null), null, null))
                .isInstanceOfSatisfying(BlobStorageException.class, e ->
                        assertThat(e.getErrorCode()).isEqualTo(BlobErrorCode.REQUEST_BODY_TOO_LARGE));
        then.uploadFromFileWithResponse(options(4 * MIB, 4 * MIB, null), null, null);
        List<String> names = container(sas).listBlobs().stream().map(BlobItem::getName).toList();
        assertThat(names).containsExactly("Old.csv", "StudentEnrollment.csv");
    }

    @Test
    void aSasTheSdkSignsWithTheAccountKeyIsAcceptedAndNamesAreCaseSensitive() {
        storage.createContainer("signed");
        StorageSharedKeyCredential key = new StorageSharedKeyCredential(storage.accountName(), storage.accountKey());
        BlobContainerClient keyed = new BlobContainerClientBuilder().endpoint(storage.endpoint() + "/signed")
                .credential(key).buildClient();
        String token = keyed.generateSas(new BlobServiceSasSignatureValues(OffsetDateTime.now().plusHours(1),
                BlobContainerSasPermission.parse("racwdl")));
        BlobContainerClient c = new BlobContainerClientBuilder().endpoint(storage.endpoint() + "/signed")
                .sasToken(token).buildClient();
        c.getBlobClient("School.csv").upload(BinaryData.fromString("upper"));
        c.getBlobClient("school.csv").upload(BinaryData.fromString("lower"));
        assertThat(c.getBlobClient("School.csv").downloadContent().toString()).isEqualTo("upper");
        assertThat(c.getBlobClient("school.csv").downloadContent().toString()).isEqualTo("lower");
        assertThat(c.getBlobClient("SCHOOL.csv").exists()).isFalse();
        c.getBlobClient("school.csv").delete();
        assertThat(c.listBlobs().stream().map(BlobItem::getName).toList()).containsExactly("School.csv");
    }

    @Test
    void dataLakeSdkCreatesAppendsAndFlushesThroughADirectorySas() throws Exception {
        String tenant = "7b6f1c8e-2f1a-4d4e-9c1b-0a1b2c3d4e5f";
        storage.createDirectory(tenant, "connector-1/container-1");
        String session = storage.sasUrl(tenant, "connector-1/container-1", "racwl", Duration.ofHours(14));
        assertThat(session).contains("sr=d").contains("sdd=2");
        DataLakeDirectoryClient dir = new DataLakePathClientBuilder().endpoint(session).buildDirectoryClient();

        // the SDK's own parallel upload: create, appends (in any order), one flush
        DataLakeFileClient users = dir.getFileClient("users.csv");
        users.uploadFromFile(big.toString(), new com.azure.storage.common.ParallelTransferOptions()
                .setBlockSizeLong(4 * MIB).setMaxSingleUploadSizeLong(4 * MIB).setMaxConcurrency(4), null, null, null,
                null);
        assertThat(users.getProperties().getFileSize()).isEqualTo(70 * MIB);

        // create, append, flush by hand, the way the upload session's protocol describes it
        DataLakeFileClient orgs = dir.getFileClient("orgs.csv");
        orgs.create(true);
        byte[] a = "sourcedId,name\n".getBytes(StandardCharsets.UTF_8);
        byte[] b = "o1,North\n".getBytes(StandardCharsets.UTF_8);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> second = pool.submit(() -> orgs.append(new ByteArrayInputStream(b), a.length, b.length));
            second.get();
            assertThatThrownBy(() -> orgs.flush(a.length + b.length, true))
                    .isInstanceOfSatisfying(DataLakeStorageException.class, e -> {
                        assertThat(e.getStatusCode()).isEqualTo(400);
                        assertThat(e.getErrorCode()).isEqualTo("InvalidFlushPosition");
                    });
            orgs.append(new ByteArrayInputStream(a), 0, a.length);
            orgs.flush(a.length + b.length, true);
        } finally {
            pool.shutdownNow();
        }
        java.io.ByteArrayOutputStream read = new java.io.ByteArrayOutputStream();
        orgs.read(read);
        assertThat(read.toString(StandardCharsets.UTF_8)).isEqualTo("sourcedId,name\no1,North\n");
        assertThat(storage.list(tenant, "connector-1/container-1/")).extracting(StoredFile::name)
                .containsExactly("connector-1/container-1/orgs.csv", "connector-1/container-1/users.csv");
        try (var in = storage.open(tenant, "connector-1/container-1/orgs.csv")) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).startsWith("sourcedId");
        }

        // outside the directory the signature does not hold
        DataLakeFileClient elsewhere = new DataLakePathClientBuilder().endpoint(session.replace("container-1",
                "container-2")).buildDirectoryClient().getFileClient("x.csv");
        assertThatThrownBy(() -> elsewhere.create(true)).isInstanceOfSatisfying(DataLakeStorageException.class,
                e -> {
                    assertThat(e.getStatusCode()).isEqualTo(403);
                    assertThat(e.getErrorCode()).isEqualTo("AuthenticationFailed");
                });
        storage.delete(tenant, "connector-1/container-1/");
        assertThat(storage.list(tenant, "")).isEmpty();
    }
}
