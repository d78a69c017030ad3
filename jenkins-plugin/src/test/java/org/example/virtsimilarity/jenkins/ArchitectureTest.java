package org.example.virtsimilarity.jenkins;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.plantuml.rules.PlantUmlArchCondition.Configuration.consideringOnlyDependenciesInDiagram;
import static com.tngtech.archunit.library.plantuml.rules.PlantUmlArchCondition.adhereToPlantUmlDiagram;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.nio.file.Path;
import junit.framework.TestCase;

/**
 * Which of core's packages the Jenkins step may use: its arrows in docs/architecture.puml, checked against its
 * classes (a JUnit 3 test, as the Hudson test harness runs them).
 */
public class ArchitectureTest extends TestCase {
    public void testUsesWhatTheDiagramDraws() {
        classes().that().resideInAPackage("..virtsimilarity.jenkins..")
                .should(adhereToPlantUmlDiagram(Path.of("..", "docs", "architecture.puml"),
                        consideringOnlyDependenciesInDiagram()))
                .check(new ClassFileImporter().withImportOption(new ImportOption.DoNotIncludeTests())
                        .importPackages("org.example.virtsimilarity"));
    }
}
