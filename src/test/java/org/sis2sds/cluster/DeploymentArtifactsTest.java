package org.sis2sds.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.sis2sds.core.Settings;
import org.sis2sds.support.TestPaths;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The deployment artifacts say what the product does: the Kubernetes manifests (two replicas, probes on the health
 * endpoints of the management port, the Lease RBAC and nothing more, a shared work dir, no secret value inline), the
 * Docker Compose file (PostgreSQL, secrets only from the environment), the systemd unit (hardened, not root) and the
 * Jib image profile (not root, work dir a volume, settings from the environment).
 */
class DeploymentArtifactsTest {
    private static final Path HOME = TestPaths.home();
    private static final Path K8S = HOME.resolve("deploy/kubernetes");
    private static final String WORK = "/var/lib/sis2sds";

    // ------------------------------------------------------------------------------------------------ helpers

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> yaml(Path file) throws IOException {
        List<Map<String, Object>> docs = new ArrayList<>();
        for (Object d : new Load(LoadSettings.builder().build()).loadAllFromString(Files.readString(file))) {
            if (d != null) {
                docs.add((Map<String, Object>) merged(d));
            }
        }
        return docs;
    }

    /** Resolves YAML merge keys ({@code <<:}), which Compose uses and YAML 1.2 loaders leave as plain keys. */
    @SuppressWarnings("unchecked")
    private static Object merged(Object o) {
        if (o instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            Object base = m.get("<<");
            if (base != null) {
                out.putAll((Map<String, Object>) merged(base));
            }
            m.forEach((k, v) -> {
                if (!"<<".equals(k)) {
                    out.put(String.valueOf(k), merged(v));
                }
            });
            return out;
        }
        if (o instanceof List<?> l) {
            return l.stream().map(DeploymentArtifactsTest::merged).toList();
        }
        return o;
    }

    @SuppressWarnings("unchecked")
    private static <T> T at(Object o, String... path) {
        Object cur = o;
        for (String p : path) {
            cur = cur instanceof List<?> l ? l.get(Integer.parseInt(p)) : ((Map<String, Object>) cur).get(p);
        }
        return (T) cur;
    }

    private static Map<String, Object> kind(String kind) throws IOException {
        List<Map<String, Object>> found = manifests().stream().filter(d -> kind.equals(d.get("kind"))).toList();
        assertThat(found).as("one %s", kind).hasSize(1);
        return found.get(0);
    }

    private static List<Map<String, Object>> manifests() throws IOException {
        List<Map<String, Object>> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(K8S)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                all.addAll(yaml(f));
            }
        }
        return all;
    }

    /** SIS2SDS_DB_PASSWORD → sis2sds.db.password, and whether that is a secret. */
    private static boolean secretEnv(String name) {
        return name.startsWith("SIS2SDS_") && Settings.isSecretKey(name.toLowerCase().replace('_', '.'));
    }

    private static Properties applicationProperties() throws IOException {
        Properties p = new Properties();
        try (var r = Files.newBufferedReader(HOME.resolve("config/application.properties"))) {
            p.load(r);
        }
        return p;
    }

    private static String version() throws Exception {
        return pom().getDocumentElement().getElementsByTagName("version").item(0).getTextContent();
    }

    private static Document pom() throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(HOME.resolve("pom.xml").toFile());
    }

    // ------------------------------------------------------------------------------------------------ Kubernetes

    @Test
    void kustomizationListsEveryManifest() throws IOException {
        List<String> resources = at(yaml(K8S.resolve("kustomization.yaml")).get(0), "resources");
        try (Stream<Path> files = Files.list(K8S)) {
            assertThat(resources).containsExactlyInAnyOrderElementsOf(files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".yaml") && !n.equals("kustomization.yaml")).toList());
        }
    }

    @Test
    void deploymentRunsTwoReplicasWithProbesOnTheManagementPort() throws Exception {
        Map<String, Object> d = kind("Deployment");
        assertThat((Integer) at(d, "spec", "replicas")).isEqualTo(2);
        Map<String, String> labels = at(d, "spec", "template", "metadata", "labels");
        assertThat(labels).containsAllEntriesOf(at(d, "spec", "selector", "matchLabels"));
        Map<String, Object> c = at(d, "spec", "template", "spec", "containers", "0");
        assertThat((String) at(c, "image")).isEqualTo("sis2sds:" + version());

        List<Map<String, Object>> ports = at(c, "ports");
        Map<String, Integer> byName = new LinkedHashMap<>();
        ports.forEach(p -> byName.put((String) p.get("name"), (Integer) p.get("containerPort")));
        Properties props = applicationProperties();
        assertThat(byName).containsEntry("management", Integer.valueOf(props.getProperty("camel.management.port")))
                .containsEntry("api", Integer.valueOf(props.getProperty("camel.server.port")));
        assertThat((String) at(c, "livenessProbe", "httpGet", "path")).isEqualTo("/observe/health/live");
        assertThat((String) at(c, "readinessProbe", "httpGet", "path")).isEqualTo("/observe/health/ready");
        assertThat((String) at(c, "startupProbe", "httpGet", "path")).isEqualTo("/observe/health/live");
        for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
            assertThat((Object) at(c, probe, "httpGet", "port")).as(probe).isEqualTo("management");
        }

        // not root, nothing to escalate to, read-only root file system
        assertThat((Boolean) at(d, "spec", "template", "spec", "securityContext", "runAsNonRoot")).isTrue();
        assertThat((Integer) at(d, "spec", "template", "spec", "securityContext", "runAsUser")).isPositive();
        assertThat((Boolean) at(c, "securityContext", "allowPrivilegeEscalation")).isFalse();
        assertThat((Boolean) at(c, "securityContext", "readOnlyRootFilesystem")).isTrue();
        assertThat((List<String>) at(c, "securityContext", "capabilities", "drop")).containsExactly("ALL");
        // a stopped leader has time to finish or hand back (camel.main.shutdown-timeout) before it is killed
        assertThat((Integer) at(d, "spec", "template", "spec", "terminationGracePeriodSeconds"))
                .isGreaterThan(Integer.parseInt(props.getProperty("camel.main.shutdown-timeout")));
    }

    @Test
    void everyReplicaMountsTheSharedWorkDirAndIsAMemberByItsPodName() throws IOException {
        Map<String, Object> d = kind("Deployment");
        Map<String, Object> pod = at(d, "spec", "template", "spec");
        Map<String, Object> c = at(pod, "containers", "0");
        List<Map<String, Object>> mounts = at(c, "volumeMounts");
        String volume = mounts.stream().filter(m -> WORK.equals(m.get("mountPath"))).map(m -> (String) m.get("name"))
                .findFirst().orElseThrow();
        List<Map<String, Object>> volumes = at(pod, "volumes");
        String claim = volumes.stream().filter(v -> volume.equals(v.get("name")))
                .map(v -> (String) at(v, "persistentVolumeClaim", "claimName")).findFirst().orElseThrow();
        Map<String, Object> pvc = kind("PersistentVolumeClaim");
        assertThat((String) at(pvc, "metadata", "name")).isEqualTo(claim);
        assertThat((List<String>) at(pvc, "spec", "accessModes")).containsExactly("ReadWriteMany");

        List<Map<String, Object>> env = at(c, "env");
        Map<String, Object> nodeId = env.stream().filter(e -> "SIS2SDS_CLUSTER_NODE_ID".equals(e.get("name")))
                .findFirst().orElseThrow();
        assertThat((String) at(nodeId, "valueFrom", "fieldRef", "fieldPath")).isEqualTo("metadata.name");
        Map<String, String> config = at(kind("ConfigMap"), "data");
        assertThat(config).containsEntry("SIS2SDS_CLUSTER_MODE", "kubernetes");
        // the pods the Deployment makes are the members KubernetesClusterService looks for
        Map<String, String> labels = at(d, "spec", "template", "metadata", "labels");
        for (String kv : config.get("SIS2SDS_CLUSTER_KUBERNETES_POD_LABELS").split(",")) {
            assertThat(labels).containsEntry(kv.split("=")[0], kv.split("=")[1]);
        }
    }

    @Test
    void rbacGrantsTheLeaseAndPodListingOnlyInTheNamespace() throws IOException {
        assertThat(manifests()).noneMatch(m -> "ClusterRole".equals(m.get("kind")) || "ClusterRoleBinding".equals(m.get("kind")));
        Map<String, Object> role = kind("Role");
        List<Map<String, Object>> rules = at(role, "rules");
        Map<String, List<String>> verbs = new LinkedHashMap<>();
        for (Map<String, Object> r : rules) {
            List<String> groups = at(r, "apiGroups");
            List<String> resources = at(r, "resources");
            for (String g : groups) {
                for (String res : resources) {
                    verbs.put(g + "/" + res, at(r, "verbs"));
                }
            }
        }
        assertThat(verbs).containsOnlyKeys("coordination.k8s.io/leases", "/pods");
        assertThat(verbs.get("coordination.k8s.io/leases")).containsExactlyInAnyOrder("get", "create", "update");
        assertThat(verbs.get("/pods")).containsExactlyInAnyOrder("get", "list");

        Map<String, Object> binding = kind("RoleBinding");
        assertThat((String) at(binding, "roleRef", "name")).isEqualTo(at(role, "metadata", "name"));
        String account = at(binding, "subjects", "0", "name");
        assertThat((String) at(kind("ServiceAccount"), "metadata", "name")).isEqualTo(account);
        assertThat((String) at(kind("Deployment"), "spec", "template", "spec", "serviceAccountName")).isEqualTo(account);
    }

    @Test
    void noSecretValueIsInline() throws IOException {
        Map<String, Object> secret = kind("Secret");
        assertThat((Object) at(secret, "data")).isNull();
        Map<String, Object> values = at(secret, "stringData");
        assertThat(values).isNotEmpty().allSatisfy((k, v) -> assertThat(v).as(k).isEqualTo(""));

        Map<String, String> config = at(kind("ConfigMap"), "data");
        assertThat(config.keySet()).noneMatch(DeploymentArtifactsTest::secretEnv);
        // every setting the ConfigMap names exists (a typo would be silently ignored)
        Properties props = applicationProperties();
        for (String k : config.keySet()) {
            if (k.startsWith("SIS2SDS_") && !k.equals("SIS2SDS_LOG_FORMAT")) {
                assertThat(props.stringPropertyNames().stream().map(Settings::envName)).as(k).contains(k);
            }
        }

        Map<String, Object> c = at(kind("Deployment"), "spec", "template", "spec", "containers", "0");
        List<Map<String, Object>> env = at(c, "env");
        for (Map<String, Object> e : env) {
            String name = (String) e.get("name");
            if (secretEnv(name)) {
                assertThat(e).as(name).doesNotContainKey("value");
                assertThat((String) at(e, "valueFrom", "secretKeyRef", "name")).isEqualTo(at(secret, "metadata", "name"));
                assertThat(values).containsKey((String) at(e, "valueFrom", "secretKeyRef", "key"));
            }
        }
        assertThat(env.stream().map(e -> (String) e.get("name"))).contains("SIS2SDS_API_TOKEN", "SIS2SDS_DB_PASSWORD");
    }

    // ------------------------------------------------------------------------------------------------ Compose

    @Test
    void composeRunsTwoFileModeNodesOnPostgresWithSecretsFromTheEnvironment() throws Exception {
        Map<String, Object> compose = yaml(HOME.resolve("docker-compose.yml")).get(0);
        Map<String, Object> services = at(compose, "services");
        assertThat(services).containsKeys("postgres", "sis2sds-1", "sis2sds-2");
        assertThat((String) at(services, "postgres", "image")).startsWith("postgres:");
        assertThat((Object) at(services, "postgres", "healthcheck")).isNotNull();
        for (String n : List.of("sis2sds-1", "sis2sds-2")) {
            Map<String, Object> s = at(services, n);
            assertThat((String) at(s, "image")).isEqualTo("sis2sds:" + version());
            assertThat((String) at(s, "depends_on", "postgres", "condition")).isEqualTo("service_healthy");
            Map<String, Object> env = at(s, "environment");
            assertThat(env).containsEntry("SIS2SDS_CLUSTER_MODE", "file").containsEntry("SIS2SDS_CLUSTER_NODE_ID", n);
            assertThat((String) env.get("SIS2SDS_DB_URL")).startsWith("jdbc:postgresql://postgres:");
            assertThat((String) env.get("SIS2SDS_CLUSTER_FILE_ROOT")).startsWith(WORK + "/");
            env.forEach((k, v) -> {
                if (secretEnv(k)) {
                    assertThat(String.valueOf(v)).as(k).matches("\\$\\{[A-Z0-9_]+(:[?-][^}]*)?}");
                }
            });
            assertThat((List<String>) at(s, "volumes")).contains("work:" + WORK);
            assertThat((List<String>) at(s, "ports")).allMatch(p -> p.startsWith("127.0.0.1:"));
        }
        Map<String, Object> pgEnv = at(services, "postgres", "environment");
        assertThat(String.valueOf(pgEnv.get("POSTGRES_PASSWORD"))).startsWith("${");
    }

    // ------------------------------------------------------------------------------------------------ systemd

    @Test
    void systemdUnitIsHardenedAndKeepsSecretsOutOfTheUnit() throws IOException {
        Map<String, Map<String, List<String>>> unit = new LinkedHashMap<>();
        String section = null;
        for (String line : Files.readAllLines(HOME.resolve("deploy/systemd/sis2sds.service"))) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            if (l.startsWith("[")) {
                section = l.substring(1, l.length() - 1);
                continue;
            }
            int eq = l.indexOf('=');
            unit.computeIfAbsent(section, k -> new LinkedHashMap<>())
                    .computeIfAbsent(l.substring(0, eq), k -> new ArrayList<>()).add(l.substring(eq + 1));
        }
        Map<String, List<String>> svc = unit.get("Service");
        assertThat(svc.get("User")).containsExactly("sis2sds");
        assertThat(svc.get("ExecStart")).containsExactly("/opt/sis2sds/bin/sis2sds run");
        for (String on : List.of("NoNewPrivileges", "ProtectHome", "PrivateTmp", "PrivateDevices", "ProtectKernelTunables",
                "ProtectKernelModules", "ProtectControlGroups", "RestrictNamespaces", "RestrictSUIDSGID", "LockPersonality")) {
            assertThat(svc.get(on)).as(on).containsExactly("yes");
        }
        assertThat(svc.get("ProtectSystem")).containsExactly("strict");
        assertThat(svc.get("CapabilityBoundingSet")).containsExactly("");
        assertThat(svc.get("ReadWritePaths")).containsExactly(WORK);
        assertThat(svc.get("StateDirectory")).containsExactly("sis2sds");
        // the JIT needs writable and executable memory
        assertThat(svc).doesNotContainKey("MemoryDenyWriteExecute");
        assertThat(svc.get("EnvironmentFile")).containsExactly("/etc/sis2sds/sis2sds.env");
        assertThat(svc.get("Environment")).noneMatch(e -> secretEnv(e.substring(0, e.indexOf('='))));
        assertThat(unit.get("Install").get("WantedBy")).containsExactly("multi-user.target");
    }

    // ------------------------------------------------------------------------------------------------ image

    @Test
    void imageRunsAsANonRootUserWithTheWorkDirAsAVolume() throws Exception {
        Element jib = null;
        var plugins = pom().getElementsByTagName("plugin");
        for (int i = 0; i < plugins.getLength(); i++) {
            Element p = (Element) plugins.item(i);
            if ("jib-maven-plugin".equals(p.getElementsByTagName("artifactId").item(0).getTextContent())) {
                jib = p;
            }
        }
        assertThat(jib).as("the jib-maven-plugin in profile image").isNotNull();
        assertThat(((Element) jib.getParentNode().getParentNode().getParentNode()).getElementsByTagName("id").item(0)
                .getTextContent()).isEqualTo("image");
        assertThat(jib.getElementsByTagName("version").item(0).getTextContent()).isEqualTo("3.5.2");
        Element container = (Element) jib.getElementsByTagName("container").item(0);
        String user = container.getElementsByTagName("user").item(0).getTextContent();
        assertThat(user.split(":")[0]).isNotIn("0", "root").matches("[1-9][0-9]*");
        assertThat(container.getElementsByTagName("volume").item(0).getTextContent()).isEqualTo(WORK);
        Element env = (Element) container.getElementsByTagName("environment").item(0);
        assertThat(env.getElementsByTagName("SIS2SDS_WORK_DIR").item(0).getTextContent()).isEqualTo(WORK);
        assertThat(env.getElementsByTagName("CAMEL_MANAGEMENT_HOST").item(0).getTextContent()).isEqualTo("0.0.0.0");
        var vars = env.getChildNodes();
        for (int i = 0; i < vars.getLength(); i++) {
            assertThat(secretEnv(vars.item(i).getNodeName())).as(vars.item(i).getNodeName()).isFalse();
        }
        assertThat(container.getElementsByTagName("mainClass").item(0).getTextContent())
                .isEqualTo("org.sis2sds.cli.Sis2sds");
    }
}
