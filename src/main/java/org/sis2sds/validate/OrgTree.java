package org.sis2sds.validate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The parent chain of orgs.csv, checked once the whole file is read (a parent may come on a later row): every
 * {@code parentSourcedId} must name an org of the file, and no chain may loop back on itself. Holds one entry per
 * org (orgs are few: a district has thousands at most).
 */
final class OrgTree {
    private final List<String> ids = new ArrayList<>();
    private final List<String> parents = new ArrayList<>();
    private final List<Long> rows = new ArrayList<>();

    /** One org row; {@code parent} null or empty when it has none. */
    void add(String id, String parent, long row) {
        ids.add(id);
        parents.add(parent == null || parent.isEmpty() ? null : parent);
        rows.add(row);
    }

    /**
     * Counts parents not found into {@code missingParent} and orgs whose chain loops into {@code cycles} (each org
     * of a loop once, in row order).
     */
    void check(Tally missingParent, Tally cycles, ValidationOptions o) {
        int n = ids.size();
        Map<String, Integer> index = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            index.putIfAbsent(ids.get(i), i);
        }
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            String p = parents.get(i);
            Integer at = p == null ? null : index.get(p);
            parent[i] = at == null ? -1 : at;
            if (p != null && at == null) {
                missingParent.hit(rows.get(i), p, o);
            }
        }
        // walk each chain once: 1 = on the current walk, 2 = known to end at a root or in a loop already counted
        byte[] state = new byte[n];
        boolean[] inLoop = new boolean[n];
        for (int i = 0; i < n; i++) {
            int j = i;
            List<Integer> walk = new ArrayList<>();
            while (j >= 0 && state[j] == 0) {
                state[j] = 1;
                walk.add(j);
                j = parent[j];
            }
            if (j >= 0 && state[j] == 1) { // back on this walk: j starts a loop
                for (int k = walk.indexOf(j); k < walk.size(); k++) {
                    inLoop[walk.get(k)] = true;
                }
            }
            for (int w : walk) {
                state[w] = 2;
            }
        }
        for (int i = 0; i < n; i++) {
            if (inLoop[i]) {
                cycles.hit(rows.get(i), ids.get(i), o);
            }
        }
    }
}
