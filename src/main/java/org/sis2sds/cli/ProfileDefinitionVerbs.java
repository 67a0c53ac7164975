package org.sis2sds.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.sis2sds.sds.SdsDestination;
import org.sis2sds.sds.SdsException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** The {@code profile} verbs about the profile itself: list, get, create, update, delete. */
final class ProfileDefinitionVerbs {
    private ProfileDefinitionVerbs() {
    }

    /** A verb that can wait until SDS has provisioned (or deleted) the profile: --timeout defaults to 10m. */
    abstract static class ProvisioningVerb extends ProfileVerb implements WaitOptions.Defaults {
        @Mixin
        WaitOptions wait;

        @Override
        public String defaultTimeout() {
            return "10m";
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the synchronization profiles.")
    static final class ListVerb extends ProfileVerb {
        @Override
        int run(SdsDestination sds) throws Exception {
            List<JsonNode> all = sds.listProfiles();
            if (json()) {
                ObjectNode n = JSON.createObjectNode();
                ArrayNode v = n.putArray("value");
                all.forEach(v::add);
                print(n);
                return OK;
            }
            if (all.isEmpty()) {
                out.println("No synchronization profiles.");
                return OK;
            }
            out.printf("%-36s  %-18s  %-12s  %s%n", "ID", "STATE", "PROVIDER", "NAME");
            for (JsonNode p : all) {
                String prov = provider(p);
                out.printf("%-36s  %-18s  %-12s  %s%n", p.path("id").asText(), p.path("state").asText(),
                        prov.startsWith("PowerSchool") ? "PowerSchool" : prov, p.path("displayName").asText());
            }
            return OK;
        }
    }

    @Command(name = "get", mixinStandardHelpOptions = true, description = "Shows one profile.")
    static final class GetVerb extends ProfileVerb {
        @Parameters(index = "0", paramLabel = "ID")
        String id;

        @Override
        int run(SdsDestination sds) throws Exception {
            JsonNode p = sds.getProfile(id);
            if (json()) {
                print(p);
            } else {
                describe(p);
            }
            return OK;
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = {"Creates a profile from a JSON file (see config/examples/).",
                    "With --wait: waits until the profile is provisioned."})
    static final class CreateVerb extends ProvisioningVerb {
        @Parameters(index = "0", paramLabel = "FILE.json")
        Path file;

        @Override
        int run(SdsDestination sds) throws Exception {
            JsonNode p = sds.createProfile(readJson(file));
            return provisioned(sds, p, p.path("id").asText(), wait, "Created");
        }
    }

    @Command(name = "update", mixinStandardHelpOptions = true,
            description = {"Updates a profile from a JSON file (SDS provisions it again).",
                    "With --wait: waits until the profile is provisioned again."})
    static final class UpdateVerb extends ProvisioningVerb {
        @Parameters(index = "0", paramLabel = "ID")
        String id;

        @Parameters(index = "1", paramLabel = "FILE.json")
        Path file;

        @Override
        int run(SdsDestination sds) throws Exception {
            return provisioned(sds, sds.updateProfile(id, readJson(file)), id, wait, "Updated");
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = {"Deletes a profile (nothing is deleted from Entra ID).",
                    "With --wait: waits until SDS no longer knows the profile."})
    static final class DeleteVerb extends ProvisioningVerb {
        @Parameters(index = "0", paramLabel = "ID")
        String id;

        @Override
        int run(SdsDestination sds) throws Exception {
            sds.deleteProfile(id);
            if (wait.await()) {
                awaitUntil(wait.timeout(), Duration.ofMillis(200), () -> gone(sds),
                        () -> "Profile " + id + " was still being deleted after " + wait.timeoutText() + ".");
            }
            if (json()) {
                print(JSON.createObjectNode().put("id", id).put("state", wait.await() ? "deleted" : "deleting"));
            } else {
                out.println((wait.await() ? "Deleted profile " : "Deleting profile ") + id + ".");
            }
            return OK;
        }

        private boolean gone(SdsDestination sds) throws Exception {
            try {
                sds.getProfile(id);
                return false;
            } catch (SdsException e) {
                if (e.status() == 404) {
                    return true;
                }
                throw e;
            }
        }
    }
}
