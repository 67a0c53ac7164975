package org.sis2sds.cluster;

import java.util.List;
import java.util.Optional;
import org.apache.camel.cluster.CamelClusterMember;
import org.apache.camel.support.cluster.AbstractCamelClusterService;
import org.apache.camel.support.cluster.AbstractCamelClusterView;

/**
 * {@code sis2sds.cluster.mode=none}: the only node leads from the moment it starts. The {@code master:} routes then
 * behave as plain routes, so one set of routes serves a single server and a cluster alike.
 */
final class SingleNodeClusterService extends AbstractCamelClusterService<SingleNodeClusterService.View> {

    SingleNodeClusterService(String nodeId) {
        super(nodeId);
    }

    @Override
    protected View createView(String namespace) {
        return new View(this, namespace);
    }

    static final class View extends AbstractCamelClusterView {
        private final CamelClusterMember self;

        View(SingleNodeClusterService service, String namespace) {
            super(service, namespace);
            this.self = new CamelClusterMember() {
                @Override
                public boolean isLeader() {
                    return true;
                }

                @Override
                public boolean isLocal() {
                    return true;
                }

                @Override
                public String getId() {
                    return service.getId();
                }
            };
        }

        @Override
        public Optional<CamelClusterMember> getLeader() {
            return Optional.of(self);
        }

        @Override
        public CamelClusterMember getLocalMember() {
            return self;
        }

        @Override
        public List<CamelClusterMember> getMembers() {
            return List.of(self);
        }

        @Override
        protected void doStart() {
            fireLeadershipChangedEvent(self);
        }

        @Override
        protected void doStop() {
        }
    }
}
