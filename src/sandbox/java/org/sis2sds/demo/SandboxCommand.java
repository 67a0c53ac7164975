package org.sis2sds.demo;

import java.util.concurrent.Callable;
import org.sis2sds.core.Settings;
import org.sis2sds.core.Signals;
import org.sis2sds.sandbox.powerschool.PowerSchoolSandbox;
import org.sis2sds.sandbox.sds.SdsSandbox;
import org.sis2sds.sandbox.sds.SdsSandboxOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "sandbox", mixinStandardHelpOptions = true,
        description = {"Runs the PowerSchool and SDS sandboxes alone (127.0.0.1), for trying the daemon or a script "
                + "against them, until Ctrl-C.",
            "Fault and delay settings: sis2sds.powerschool.sandbox.* and sis2sds.sds.sandbox.* (config or environment)."})
public final class SandboxCommand implements Callable<Integer> {

    @Option(names = "--powerschool-port", paramLabel = "N", description = "PowerSchool sandbox port (default 18081).")
    Integer powerSchoolPort;

    @Option(names = "--sds-port", paramLabel = "N", description = "SDS sandbox port (default 18082).")
    Integer sdsPort;

    @Option(names = "--students", paramLabel = "N", description = "Students of the generated district (default 2000).")
    Integer students;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of the generated district (default 42).")
    Long seed;

    @Override
    public Integer call() throws Exception {
        Settings s = Settings.load();
        PowerSchoolSandbox.Options po = PowerSchoolSandbox.Options.fromSettings(s);
        if (powerSchoolPort != null) {
            po.port(powerSchoolPort);
        }
        if (students != null) {
            po.students(students);
        }
        if (seed != null) {
            po.seed(seed);
        }
        SdsSandboxOptions so = SdsSandboxOptions.fromSettings(s);
        if (sdsPort != null) {
            so.port(sdsPort);
        }
        if (seed != null) {
            so.seed(seed);
        }
        PowerSchoolSandbox ps = new PowerSchoolSandbox(po).start();
        try (SdsSandbox sds = new SdsSandbox(so).start()) {
            System.out.printf("PowerSchool sandbox  %s  (%,d students, seed %d; client id %s)%n", ps.baseUrl(),
                    po.students, po.seed, po.clientId);
            System.out.printf("SDS sandbox          %s  (token endpoint %s/{tenant}/oauth2/v2.0/token; client id %s)%n",
                    sds.baseUrl(), sds.baseUrl(), so.clientId());
            System.out.printf("industryData         %s/external/industryData  (uploads on the storage sandbox %s)%n",
                    sds.graphUrl(), sds.storage().endpoint());
            System.out.println();
            System.out.println("Point the daemon at them:");
            System.out.printf("  export SIS2SDS_POWERSCHOOL_BASE_URL=%s SIS2SDS_POWERSCHOOL_CLIENT_ID=%s%n", ps.baseUrl(),
                    po.clientId);
            System.out.println("  export SIS2SDS_POWERSCHOOL_CLIENT_SECRET=sandbox-secret");
            System.out.printf("  export SIS2SDS_SDS_MODE=classic SIS2SDS_SDS_GRAPH_URL=%s SIS2SDS_SDS_LOGIN_URL=%s%n",
                    sds.graphUrl(), sds.baseUrl());
            System.out.printf("  export SIS2SDS_SDS_TENANT=sandbox SIS2SDS_SDS_CLIENT_ID=%s SIS2SDS_SDS_CLIENT_SECRET=sandbox-secret%n",
                    so.clientId());
            System.out.println("  bin/sis2sds profile create config/examples/sds-csv-profile.json --wait   # then SIS2SDS_SDS_PROFILE_ID=<id>");
            System.out.println("Press Ctrl-C to stop.");
            Signals.serveUntilStopped(sds, ps);
        } finally {
            ps.close();
        }
        return 0;
    }
}
