package fr.terrain.demo;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import fr.terrain.ingest.Progress;

/** The generator sits beside the core: it never reaches the store, the web or the CLI. */
@AnalyzeClasses(packages = "fr.terrain", importOptions = ImportOption.DoNotIncludeTests.class)
class DemoDependenciesTest {

    @ArchTest
    static final ArchRule demoUsesOnlyTheCoreAndTheProgressInterface = classes()
            .that().resideInAPackage("fr.terrain.demo..")
            .should().onlyDependOnClassesThat(resideInAnyPackage("fr.terrain.demo..", "fr.terrain.election..",
                    "fr.terrain.geo..", "fr.terrain.territory..", "fr.terrain.field..", "java..",
                    "org.locationtech.jts..", "com.fasterxml.jackson..")
                    .or(equivalentTo(Progress.class)))
            .because("the demo package may use election, geo, territory, field and ingest's Progress only");
}
