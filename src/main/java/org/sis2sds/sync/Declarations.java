package org.sis2sds.sync;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.sis2sds.core.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The syncs declared in {@code config/syncs.yaml}, applied at start. Precedence: a declaration that changed since it
 * was last applied (or is new) wins and overwrites the stored sync; an unchanged declaration leaves API edits (and
 * API deletes) alone.
 */
final class Declarations {
    private static final Logger LOG = LoggerFactory.getLogger(Declarations.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private Declarations() {
    }

    static void apply(Catalog catalog, SyncStore store, String file) {
        for (Map<String, Object> decl : catalog.syncs()) {
            String id = String.valueOf(decl.get("id"));
            String hash = hash(decl);
            Optional<SyncDef> existing = store.getSync(id, true);
            if (existing.isPresent() && hash.equals(existing.get().declarationHash)) {
                continue;
            }
            SyncDef s = new SyncDef();
            s.id = id;
            if (existing.isPresent()) {
                s.paused = existing.get().paused;
                s.currentCursor = existing.get().currentCursor;
            }
            Map<String, Object> attrs = new LinkedHashMap<>(decl);
            attrs.remove("id");
            try {
                SyncAttributes.apply(s, attrs, catalog, true);
            } catch (SyncException e) {
                throw new ConfigException(Catalog.KEY, "Sync '" + id + "' in " + file + " is invalid: "
                        + e.getMessage().replaceFirst("^The sync is invalid: ", ""));
            }
            s.origin = "file";
            s.declarationHash = hash;
            store.saveSync(s);
            LOG.info("Sync {} {} from {}", id, existing.isPresent() ? "updated" : "created", Catalog.KEY);
        }
    }

    static String hash(Map<String, Object> decl) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(
                    JSON.writeValueAsString(sorted(decl)).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object sorted(Object o) {
        if (o instanceof Map<?, ?> m) {
            Map<String, Object> t = new TreeMap<>();
            m.forEach((k, v) -> t.put(String.valueOf(k), sorted(v)));
            return t;
        }
        if (o instanceof List<?> l) {
            return l.stream().map(Declarations::sorted).toList();
        }
        return o;
    }
}
