package org.sis2sds.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The product's shape, as rules: the product never reaches into the sandboxes or the demo (a test fixture with a
 * jar of its own), its packages form layers without cycles, the booting code sits on top, and the management API
 * depends on the sync area, never the other way round.
 */
class ArchitectureTest {
    /** The product: src/main/java only (the sandboxes compile with the tests, so tests excluded = product). */
    static final JavaClasses PRODUCT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("org.sis2sds");

    @Test
    void the_product_is_imported() {
        org.assertj.core.api.Assertions.assertThat(PRODUCT.stream().map(c -> c.getPackageName()).distinct())
                .contains("org.sis2sds.sync", "org.sis2sds.cli", "org.sis2sds.core")
                .doesNotContain("org.sis2sds.sandbox.sds", "org.sis2sds.demo");
    }

    @Test
    void the_product_never_uses_sandbox_or_demo_code() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.sis2sds.sandbox..", "org.sis2sds.demo..")
                .check(PRODUCT);
    }

    @Test
    void product_packages_have_no_cycles() {
        slices().matching("org.sis2sds.(*)..").should().beFreeOfCycles().check(PRODUCT);
    }

    @Test
    void only_the_command_line_uses_the_boot_package() {
        noClasses().that().resideOutsideOfPackages("org.sis2sds.boot..", "org.sis2sds.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("org.sis2sds.boot..", "org.sis2sds.cli..")
                .check(PRODUCT);
    }

    @Test
    void the_sync_area_does_not_know_the_api() {
        noClasses().that().resideInAPackage("org.sis2sds.sync..")
                .should().dependOnClassesThat().resideInAPackage("org.sis2sds.api..")
                .check(PRODUCT);
    }

    @Test
    void the_core_package_depends_on_no_feature() {
        noClasses().that().resideInAPackage("org.sis2sds.core..")
                .should().dependOnClassesThat(resideInAPackage("org.sis2sds..")
                        .and(not(resideInAPackage("org.sis2sds.core.."))))
                .check(PRODUCT);
    }

    @Test
    void the_batch_model_validation_and_conversion_sit_at_the_bottom() {
        noClasses().that().resideInAPackage("org.sis2sds.batch..")
                .should().dependOnClassesThat(resideInAPackage("org.sis2sds..")
                        .and(not(resideInAPackage("org.sis2sds.batch..")))
                        .and(not(resideInAPackage("org.sis2sds.core.."))))
                .check(PRODUCT);
        noClasses().that().resideInAPackage("org.sis2sds.validate..")
                .should().dependOnClassesThat().resideInAnyPackage("org.sis2sds.convert..", "org.sis2sds.pipeline..",
                        "org.sis2sds.drop..", "org.sis2sds.sync..", "org.sis2sds.report..")
                .check(PRODUCT);
        noClasses().that().resideInAPackage("org.sis2sds.convert..")
                .should().dependOnClassesThat(resideInAPackage("org.sis2sds..")
                        .and(not(resideInAPackage("org.sis2sds.convert..")))
                        .and(not(resideInAPackage("org.sis2sds.batch..")))
                        .and(not(resideInAPackage("org.sis2sds.validate..")))
                        .and(not(resideInAPackage("org.sis2sds.core.."))))
                .check(PRODUCT);
    }

    @Test
    void the_cluster_area_depends_on_core_only() {
        // every area may ask the cluster who leads; the cluster never reaches into an area
        noClasses().that().resideInAPackage("org.sis2sds.cluster..")
                .should().dependOnClassesThat(resideInAPackage("org.sis2sds..")
                        .and(not(resideInAPackage("org.sis2sds.core..")))
                        .and(not(resideInAPackage("org.sis2sds.cluster.."))))
                .check(PRODUCT);
    }

    @Test
    void the_azure_plumbing_knows_only_core_and_http() {
        noClasses().that().resideInAPackage("org.sis2sds.azure..")
                .should().dependOnClassesThat(resideInAPackage("org.sis2sds..")
                        .and(not(resideInAPackage("org.sis2sds.azure..")))
                        .and(not(resideInAPackage("org.sis2sds.core..")))
                        .and(not(resideInAPackage("org.sis2sds.http.."))))
                .check(PRODUCT);
    }

    @Test
    void the_rules_see_dependencies() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> noClasses().that().resideInAPackage("org.sis2sds.core..")
                .should().dependOnClassesThat().resideInAPackage("org.sis2sds.core..").check(PRODUCT))
                .isInstanceOf(AssertionError.class);
    }
}
