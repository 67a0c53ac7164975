package org.sis2sds.cli;

import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code sis2sds profile <verb>}: SDS synchronization-profile operations against the configured SDS
 * ({@code sis2sds.sds.*}) or, with {@code --sandbox}, the local SDS sandbox. Exit 0 success, 1 SDS refused
 * (its error printed as one sentence), 2 usage. The verbs are in {@link ProfileDefinitionVerbs} (the profile
 * itself) and {@link ProfileSyncVerbs} (its sync); what they share is in {@link ProfileVerb} and {@link SdsCommand}.
 */
@Command(name = "profile", mixinStandardHelpOptions = true,
        description = "SDS synchronization-profile operations against the configured SDS endpoint.",
        subcommands = {ProfileDefinitionVerbs.ListVerb.class, ProfileDefinitionVerbs.GetVerb.class,
                ProfileDefinitionVerbs.CreateVerb.class, ProfileDefinitionVerbs.UpdateVerb.class,
                ProfileDefinitionVerbs.DeleteVerb.class, ProfileSyncVerbs.UploadVerb.class,
                ProfileSyncVerbs.StartVerb.class, ProfileSyncVerbs.PauseVerb.class, ProfileSyncVerbs.ResumeVerb.class,
                ProfileSyncVerbs.ResetVerb.class, ProfileSyncVerbs.StatusVerb.class, ProfileSyncVerbs.ErrorsVerb.class})
public final class ProfileCommand implements Callable<Integer> {
    /** Where ${NAME} references in profile files are looked up (tests replace it). */
    static Function<String, String> env = System::getenv;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Name a profile verb: list, get, create, update, "
                + "delete, upload, start, pause, resume, reset, status or errors.");
    }
}
