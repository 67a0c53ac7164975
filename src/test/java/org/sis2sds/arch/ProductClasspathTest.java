package org.sis2sds.arch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sis2sds.batch.DistrictGenerator;
import org.sis2sds.support.TestPaths;

/**
 * The product runs without the sandboxes: {@code run --once} on the product's own class path (target/classes and
 * the runtime libraries, as bin/sis2sds run has it) archives a dropped batch, loads no sandbox or demo class, and
 * on that class path no sandbox class can be loaded at all.
 */
class ProductClasspathTest {
    static List<Path> productClasspath() throws Exception {
        Path home = TestPaths.home();
        List<Path> cp = new ArrayList<>();
        cp.add(home.resolve("target/classes"));
        String libs = Files.readString(home.resolve("target/runtime-classpath.txt")).strip();
        for (String e : libs.split(File.pathSeparator)) {
            if (!e.isBlank()) {
                cp.add(Path.of(e));
            }
        }
        return cp;
    }

    @Test
    void no_sandbox_class_is_loadable_on_the_product_class_path() throws Exception {
        List<Path> cp = productClasspath();
        URL[] urls = new URL[cp.size()];
        for (int i = 0; i < urls.length; i++) {
            urls[i] = cp.get(i).toUri().toURL();
        }
        try (URLClassLoader product = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader())) {
            assertThat(product.loadClass("org.sis2sds.cli.Sis2sds")).isNotNull();
            for (String c : List.of("org.sis2sds.sandbox.sds.SdsSandbox", "org.sis2sds.sandbox.powerschool.PowerSchoolSandbox",
                    "org.sis2sds.demo.Demo")) {
                assertThatThrownBy(() -> product.loadClass(c)).isInstanceOf(ClassNotFoundException.class);
            }
            assertThat(product.getResource("META-INF/services/org.sis2sds.cli.CommandProvider")).isNull();
        }
    }

    @Test
    void run_once_archives_a_drop_without_loading_sandbox_classes(@TempDir Path tmp) throws Exception {
        Path work = tmp.resolve("work");
        Path batch = work.resolve("inbox/district");
        DistrictGenerator.write(batch, 60, 3);
        Files.createFile(batch.resolve("_READY"));
        Path classLog = tmp.resolve("classes.log");
        String cp = String.join(File.pathSeparator, productClasspath().stream().map(Path::toString).toList());
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-Xlog:class+load=info:file=" + classLog, "-Dsis2sds.home=" + TestPaths.home(),
                "-cp", cp, "org.sis2sds.cli.Sis2sds", "run", "--once", "--sync", "csv-drop");
        pb.environment().put("SIS2SDS_WORK_DIR", work.toString());
        pb.environment().put("SIS2SDS_SDS_MODE", "off");
        pb.environment().put("CAMEL_SERVER_ENABLED", "false");
        pb.environment().put("CAMEL_MANAGEMENT_PORT", String.valueOf(TestPaths.freePort()));
        pb.redirectErrorStream(true).redirectOutput(tmp.resolve("out.log").toFile());
        Process p = pb.start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("run --once ended").isTrue();
        String out = Files.readString(tmp.resolve("out.log"));
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(work.resolve("archive/district/report.json")).as(out).exists();
        String loaded = Files.readString(classLog);
        assertThat(loaded).contains("org.sis2sds.validate.Validator ");
        assertThat(loaded).doesNotContain("org.sis2sds.sandbox.").doesNotContain("org.sis2sds.demo.");
    }
}
