package dev.cloudops.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The package rules of ARCHITECTURE.md, as tests. */
@AnalyzeClasses(packages = "dev.cloudops", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule onlyKubeTalksToClusters = noClasses()
            .that()
            .resideOutsideOfPackages("dev.cloudops.kube..", "dev.cloudops.demo..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("io.fabric8.kubernetes.client..")
            .because("only kube/ wraps the fabric8 client (demo/ owns the simulated API server)");

    @ArchTest
    static final ArchRule featuresAreFreeOfCycles =
            slices().matching("dev.cloudops.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule platformDependsOnNoFeature = noClasses()
            .that()
            .resideInAPackage("dev.cloudops.platform..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "dev.cloudops.cluster..", "dev.cloudops.kube..", "dev.cloudops.resource..", "dev.cloudops.demo..");

    @ArchTest
    static final ArchRule nothingDependsOnDemo = noClasses()
            .that()
            .resideOutsideOfPackage("dev.cloudops.demo..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("dev.cloudops.demo..")
            .because("the simulated cluster is an add-on; nothing else depends on it");

    @ArchTest
    static final ArchRule kubeKnowsNoFeature = noClasses()
            .that()
            .resideInAPackage("dev.cloudops.kube..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("dev.cloudops.cluster..", "dev.cloudops.resource..", "dev.cloudops.container..");

    @ArchTest
    static final ArchRule controllersStayInternal = noClasses()
            .that()
            .haveSimpleNameEndingWith("Controller")
            .should()
            .bePublic()
            .because("only a feature's services and records are public");
}
