package org.sis2sds.sds;

import java.util.List;

/**
 * Errors read from a profile.
 *
 * @param total  how many SDS holds ({@code @odata.count}; the size of {@code errors} when SDS does not say)
 * @param errors the first ones, up to the limit asked for
 */
public record ErrorPage(long total, List<SdsError> errors) {
}
