package fr.terrain;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;

/** The package rules of ARCHITECTURE.md: a pure core, adapters at the edges. */
@AnalyzeClasses(packages = "fr.terrain", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    private static final String[] CORE = {"fr.terrain.election..", "fr.terrain.territory..", "fr.terrain.field..",
        "fr.terrain.geo..", "fr.terrain.privacy..", "fr.terrain.account..", "fr.terrain.targeting..", "fr.terrain.mail", "fr.terrain.mail.tracking..",
        "fr.terrain.json.."};
    private static final String[] ADAPTERS = {"fr.terrain.ingest..", "fr.terrain.store..", "fr.terrain.web..",
        "fr.terrain.cli..", "fr.terrain.demo..", "fr.terrain.compliance..",
        "fr.terrain.mail.smtp.."};

    @ArchTest
    static final ArchRule coreDependsOnNoAdapter = noClasses().that().resideInAnyPackage(CORE)
            .should().dependOnClassesThat().resideInAnyPackage(ADAPTERS);

    /** java.net.IDN is allowed: a pure conversion of domain names (e-mail identifiers compare one spelling). */
    @ArchTest
    static final ArchRule coreDoesNoIo = noClasses().that().resideInAnyPackage(CORE)
            .should().dependOnClassesThat(JavaClass.Predicates.resideInAnyPackage("java.sql..", "javax.sql..", "java.net..",
                    "org.jdbi..", "io.javalin..", "java.nio.file..").and(DescribedPredicate.not(
                            JavaClass.Predicates.equivalentTo(java.net.IDN.class))))
            .because("analysis code takes and returns values; files, HTTP and JDBC stay in adapters");

    @ArchTest
    static final ArchRule storeKnowsNoUserInterface = noClasses().that().resideInAPackage("fr.terrain.store..")
            .should().dependOnClassesThat().resideInAnyPackage("fr.terrain.web..", "fr.terrain.cli..",
                    "fr.terrain.ingest..");

    @ArchTest
    static final ArchRule readersKnowNoUserInterface = noClasses().that().resideInAPackage("fr.terrain.ingest..")
            .should().dependOnClassesThat().resideInAnyPackage("fr.terrain.web..", "fr.terrain.cli..");

    @ArchTest
    static final ArchRule webDoesNotDriveTheCli = noClasses().that().resideInAPackage("fr.terrain.web..")
            .should().dependOnClassesThat().resideInAPackage("fr.terrain.cli..");

    @ArchTest
    static final ArchRule noCycles = SlicesRuleDefinition.slices().matching("fr.terrain.(*)..").should().beFreeOfCycles();
}
