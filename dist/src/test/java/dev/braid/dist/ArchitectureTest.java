package dev.braid.dist;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The design's structural rules, checked on the compiled classes of every module. */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar")) // vpn-core's test fixtures
                .importPackages("dev.braid");
    }

    @Test
    void theCoreKnowsNoPlugin() {
        noClasses().that().resideInAPackage("dev.braid.core..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.braid.multilink..", "dev.braid.natprobe..", "dev.braid.snat..", "dev.braid.testbed..")
                .check(classes);
    }

    @Test
    void theCorePackagesHaveNoCycles() {
        slices().matching("dev.braid.core.(*)..").should().beFreeOfCycles()
                .because("the start-up wiring (cli.Bootstrap) sits above client, proxy and lifecycle, not inside them")
                .check(classes);
    }

    @Test
    void pluginsSeeOnlyTheCoresPluginInterface() {
        noClasses().that().resideInAnyPackage("dev.braid.multilink..", "dev.braid.natprobe..", "dev.braid.snat..")
                .should().dependOnClassesThat(JavaClass.Predicates.resideInAPackage("dev.braid.core..")
                        .and(JavaClass.Predicates.resideOutsideOfPackages("dev.braid.core.spi..", "dev.braid.core.config..",
                                "dev.braid.core.wire..", "dev.braid.core.time..")))
                .because("a plugin builds on the SPI, the config binding, the wire types and the injected clock only")
                .check(classes);
    }

    @Test
    void protocolLogicIsSansIo() {
        noClasses().that().resideInAnyPackage("dev.braid.multilink.protocol..", "dev.braid.natprobe.protocol..",
                        "dev.braid.core.login..", "dev.braid.core.crypto..", "dev.braid.testbed.link..")
                .should().dependOnClassesThat().resideInAnyPackage("io.netty..")
                .orShould().callMethod(System.class, "nanoTime")
                .orShould().callMethod(System.class, "currentTimeMillis")
                .because("protocol classes take `now` from their caller (DESIGN.md, principle 1)")
                .check(classes);
    }

    @Test
    void onlyTheSystemClockReadsTheMonotonicClock() {
        noClasses().that().doNotHaveFullyQualifiedName("dev.braid.core.time.SystemClock")
                .and().resideOutsideOfPackages("dev.braid.testbed.linkem..", "dev.braid.testbed.bench..",
                        "dev.braid.testbed.demo..")
                .should().callMethod(System.class, "nanoTime")
                .because("one injected clock (STYLE.md, convention 6)")
                .check(classes);
    }
}
