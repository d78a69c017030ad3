package org.example.virtsimilarity;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The rules drawn in docs/architecture.puml. */
@AnalyzeClasses(packages = "org.example.virtsimilarity", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule CORE_KNOWS_NO_BUILD_TOOL_AND_NO_LOGGING = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.maven..", "hudson..", "jenkins..",
                    "org.kohsuke..", "org.slf4j..", "org.apache.logging..", "org.apache.commons.logging..",
                    "java.util.logging..", "ch.qos.logback..")
            .because("core is used by the CLI, the Maven goal and the Jenkins step alike");

    @ArchTest
    static final ArchRule CORE_DOES_NOT_PRINT = noClasses()
            .should().accessField(System.class, "out").orShould().accessField(System.class, "err")
            .because("progress and messages go through ProgressListener");

    @ArchTest
    static final ArchRule LAYERS = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("check").definedBy("..check..")
            .layer("chart").definedBy("..chart..")
            .layer("history").definedBy("..history..")
            .layer("gate").definedBy("..gate..")
            .layer("baseline").definedBy("..baseline..")
            .layer("report").definedBy("..report..")
            .layer("analysis").definedBy("..analysis..")
            .layer("cluster").definedBy("..cluster..")
            .layer("distance").definedBy("..distance..")
            .layer("cache").definedBy("..cache..")
            .layer("readers").definedBy("..guestfs..", "..qcow2..", "..nbd..", "..backing..")
            .layer("signature").definedBy("..signature..")
            .layer("image").definedBy("..image..")
            .layer("io").definedBy("..io..")
            .layer("concurrent").definedBy("..concurrent..")
            .whereLayer("check").mayNotBeAccessedByAnyLayer()
            .whereLayer("chart").mayOnlyBeAccessedByLayers("check")
            .whereLayer("history").mayOnlyBeAccessedByLayers("chart", "check")
            .whereLayer("gate").mayOnlyBeAccessedByLayers("history", "chart", "report", "check")
            .whereLayer("baseline").mayOnlyBeAccessedByLayers("gate", "check")
            .whereLayer("report").mayOnlyBeAccessedByLayers("check")
            .whereLayer("analysis").mayOnlyBeAccessedByLayers("report", "baseline", "gate", "check")
            .whereLayer("cluster").mayOnlyBeAccessedByLayers("analysis", "report", "check")
            .whereLayer("distance").mayOnlyBeAccessedByLayers("cluster", "analysis", "report", "gate", "history",
                    "chart", "baseline", "check")
            .whereLayer("cache").mayOnlyBeAccessedByLayers("analysis")
            .whereLayer("readers").mayOnlyBeAccessedByLayers("analysis")
            .whereLayer("signature").mayOnlyBeAccessedByLayers("cache", "distance", "analysis", "report", "baseline",
                    "gate", "check")
            .whereLayer("image").mayOnlyBeAccessedByLayers("signature", "cache", "readers", "analysis", "report",
                    "baseline")
            .whereLayer("io").mayOnlyBeAccessedByLayers("image", "readers", "signature", "cache", "analysis", "report",
                    "baseline", "history", "check")
            .whereLayer("concurrent").mayOnlyBeAccessedByLayers("signature", "distance", "analysis");

    @ArchTest
    static final ArchRule NO_PACKAGE_CYCLES = slices().matching("org.example.virtsimilarity.(*)..")
            .should().beFreeOfCycles();
}
