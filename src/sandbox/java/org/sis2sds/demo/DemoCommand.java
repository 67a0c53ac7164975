package org.sis2sds.demo;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.sis2sds.core.Settings;
import org.sis2sds.cli.CliException;
import org.sis2sds.cli.Sis2sds;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Runs the whole product against the embedded PowerSchool and SDS sandboxes: a PowerSchool sync, "
                + "a good and a bad CSV drop, live progress and a summary.",
            "Without --once the daemon keeps serving the API (8080) and health/metrics (9876) until Ctrl-C."})
public final class DemoCommand implements Callable<Integer> {

    @Option(names = "--once", description = "Exit after the summary: 0 when the demo's expectations held, 1 otherwise.")
    boolean once;

    @Option(names = "--work-dir", paramLabel = "DIR", description = "Work dir of the demo (emptied first; default data/demo).")
    Path workDir;

    @Option(names = "--students", paramLabel = "N", defaultValue = "2000", description = "Students of the district (default ${DEFAULT-VALUE}).")
    int students;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "Seed of the generated data (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--powerschool-port", paramLabel = "N", defaultValue = "18081", description = "PowerSchool sandbox port (default ${DEFAULT-VALUE}).")
    int powerSchoolPort;

    @Option(names = "--sds-port", paramLabel = "N", defaultValue = "18082", description = "SDS sandbox port (default ${DEFAULT-VALUE}).")
    int sdsPort;

    @Option(names = "--api-port", paramLabel = "N", defaultValue = "8080", description = "Management API port (default ${DEFAULT-VALUE}).")
    int apiPort;

    @Option(names = "--management-port", paramLabel = "N", defaultValue = "9876", description = "Health and metrics port (default ${DEFAULT-VALUE}).")
    int managementPort;

    @Option(names = "--sds", paramLabel = "MODE", defaultValue = "industrydata", description = "The SDS the demo "
            + "publishes to: industrydata (the live SDS over Graph industryData, default) or classic (the profile API).")
    String sds;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "5m", description = "Longest wait for each step (default ${DEFAULT-VALUE}).")
    String timeout;

    @Override
    public Integer call() throws Exception {
        if (students < 10) {
            throw new CliException(Sis2sds.USAGE, "--students must be at least 10.");
        }
        Settings s = Settings.load();
        Path dir = workDir != null ? workDir : s.home().resolve("data/demo");
        Duration t;
        try {
            t = Settings.parseDuration(timeout);
        } catch (RuntimeException e) {
            throw new CliException(Sis2sds.USAGE, "--timeout must be a duration such as 90s or 5m.");
        }
        if (!sds.equals("industrydata") && !sds.equals("classic")) {
            throw new CliException(Sis2sds.USAGE, "--sds must be industrydata or classic.");
        }
        return new Demo(s, new Demo.Options(dir, students, seed, powerSchoolPort, sdsPort, apiPort, managementPort,
                once, t, sds), System.out).run();
    }
}
