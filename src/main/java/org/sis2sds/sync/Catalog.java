package org.sis2sds.sync;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sis2sds.core.ConfigException;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * What {@code config/syncs.yaml} declares: the sources (a PowerSchool connection or a CSV drop folder), the
 * destinations (SDS profiles), the models (mappings) and the syncs to create at start.
 */
public final class Catalog {
    public static final String KEY = "sis2sds.syncs.file";
    public static final String SOURCE_POWERSCHOOL = "powerschool";
    public static final String SOURCE_CSV_DROP = "csv_drop";

    /** A source, destination or model: id, type, name and a free configuration. */
    public record Item(String id, String type, String name, Map<String, Object> configuration) {
    }

    private final Map<String, Item> sources;
    private final Map<String, Item> destinations;
    private final Map<String, Item> models;
    private final List<Map<String, Object>> syncs;

    Catalog(Map<String, Item> sources, Map<String, Item> destinations, Map<String, Item> models,
            List<Map<String, Object>> syncs) {
        this.sources = sources;
        this.destinations = destinations;
        this.models = models;
        this.syncs = syncs;
    }

    public static Catalog empty() {
        return new Catalog(Map.of(), Map.of(), Map.of(), List.of());
    }

    /** Reads the file; a missing file is an empty catalog, a broken one stops start-up naming the key. */
    public static Catalog load(Path file) {
        if (!Files.isRegularFile(file)) {
            return empty();
        }
        Object root;
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            root = new Load(LoadSettings.builder().setLabel(file.toString()).build()).loadFromReader(r);
        } catch (IOException | RuntimeException e) {
            throw new ConfigException(KEY, "The syncs file " + file + " (setting " + KEY + ") is not valid YAML: "
                    + Database.rootMessage(e));
        }
        if (root == null) {
            return empty();
        }
        if (!(root instanceof Map<?, ?> m)) {
            throw bad(file, "its top level must hold sources, destinations, models and syncs");
        }
        return new Catalog(items(file, m, "sources"), items(file, m, "destinations"), items(file, m, "models"),
                syncList(file, m));
    }

    private static ConfigException bad(Path file, String why) {
        return new ConfigException(KEY, "The syncs file " + file + " (setting " + KEY + ") is invalid: " + why + ".");
    }

    private static List<Map<String, Object>> list(Path file, Map<?, ?> root, String key) {
        Object v = root.get(key);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> l)) {
            throw bad(file, "'" + key + "' must be a list");
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object o : l) {
            if (!(o instanceof Map<?, ?> m) || !(m.get("id") instanceof String)) {
                throw bad(file, "every entry of '" + key + "' must be a mapping with an id");
            }
            Map<String, Object> copy = new LinkedHashMap<>();
            m.forEach((k, val) -> copy.put(String.valueOf(k), val));
            out.add(copy);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Item> items(Path file, Map<?, ?> root, String key) {
        Map<String, Item> out = new LinkedHashMap<>();
        for (Map<String, Object> m : list(file, root, key)) {
            String id = (String) m.get("id");
            Object cfg = m.getOrDefault("configuration", Map.of());
            if (!(cfg instanceof Map)) {
                throw bad(file, key + " '" + id + "': configuration must be a mapping");
            }
            String type = m.get("type") == null ? null : String.valueOf(m.get("type"));
            if (key.equals("sources") && !SOURCE_POWERSCHOOL.equals(type) && !SOURCE_CSV_DROP.equals(type)) {
                throw bad(file, "source '" + id + "' has type '" + type + "' but must be powerschool or csv_drop");
            }
            out.put(id, new Item(id, type, m.get("name") == null ? id : String.valueOf(m.get("name")),
                    new LinkedHashMap<>((Map<String, Object>) cfg)));
        }
        return out;
    }

    private static List<Map<String, Object>> syncList(Path file, Map<?, ?> root) {
        return list(file, root, "syncs");
    }

    public Map<String, Item> sources() {
        return sources;
    }

    public Map<String, Item> destinations() {
        return destinations;
    }

    public Map<String, Item> models() {
        return models;
    }

    /** The sync declarations, each the attributes of a sync plus {@code id} (and optionally {@code status}). */
    public List<Map<String, Object>> syncs() {
        return syncs;
    }

    public Optional<Item> source(String id) {
        return Optional.ofNullable(id == null ? null : sources.get(id));
    }

    public Optional<Item> destination(String id) {
        return Optional.ofNullable(id == null ? null : destinations.get(id));
    }

    /**
     * The SDS profile of a sync: its destination's {@code profile_id}, or null (then the SDS area's own setting
     * {@code sis2sds.sds.profile-id} applies).
     */
    public String profileId(SyncDef s) {
        return destination(s.destinationId).map(d -> d.configuration().get("profile_id"))
                .filter(v -> !String.valueOf(v).isBlank()).map(String::valueOf).orElse(null);
    }
}
