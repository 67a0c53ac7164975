package org.sis2sds.powerschool;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A finished extraction: the complete batch folder in {@code staging/}, the rows written per SDS entity
 * ({@code school, section, student, teacher, studentenrollment, teacherroster}), what was skipped and why, and the
 * HTTP requests it took.
 */
public record ExtractionResult(String batchId, Path dir, Map<String, Long> rows, Map<String, Long> skipped,
                               long requests, Duration elapsed) {
}
