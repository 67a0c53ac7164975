package org.sis2sds.sandbox.industrydata;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sis2sds.sandbox.graph.GraphError;

/**
 * One collection of the service ({@code sourceSystems}, {@code years}, ...): entities as JSON in creation order.
 * Guarded by the service's lock.
 */
final class EntitySet {
    private final String name;
    private final String what;
    private final Map<String, ObjectNode> items = new LinkedHashMap<>();
    private long version;

    /**
     * @param name the collection's segment ({@code sourceSystems})
     * @param what the entity in messages ({@code sourceSystemDefinition})
     */
    EntitySet(String name, String what) {
        this.name = name;
        this.what = what;
    }

    String name() {
        return name;
    }

    String what() {
        return what;
    }

    void put(String id, ObjectNode entity) {
        items.put(id, entity);
        version++;
    }

    ObjectNode find(String id) {
        return id == null ? null : items.get(id);
    }

    /** The entity, or a 404 naming it. */
    ObjectNode get(String id) {
        ObjectNode n = find(id);
        if (n == null) {
            throw notFound(what, id);
        }
        return n;
    }

    /** The 404 for an id no entity has. */
    static GraphError notFound(String what, String id) {
        return GraphError.notFound("The " + what + " with id '" + id + "' was not found.");
    }

    void remove(String id) {
        get(id);
        items.remove(id);
        version++;
    }

    /** Marks an in-place change (PATCH). */
    void touched() {
        version++;
    }

    long version() {
        return version;
    }

    Collection<Map.Entry<String, ObjectNode>> entries() {
        return items.entrySet();
    }

    List<ObjectNode> all() {
        return new ArrayList<>(items.values());
    }
}
