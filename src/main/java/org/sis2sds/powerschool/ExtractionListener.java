package org.sis2sds.powerschool;

/** Told how an extraction advances, e.g. to draw a progress bar. Called from the worker threads. */
@FunctionalInterface
public interface ExtractionListener {
    /**
     * @param entity     {@code schools}, {@code terms}, {@code courses}, {@code staff}, {@code sections},
     *                   {@code students} or {@code enrollments}
     * @param pagesDone  pages of that entity fetched so far
     * @param pagesTotal pages of that entity known so far (grows while counts come in)
     */
    void progress(String entity, long pagesDone, long pagesTotal);

    ExtractionListener NONE = (e, d, t) -> { };
}
