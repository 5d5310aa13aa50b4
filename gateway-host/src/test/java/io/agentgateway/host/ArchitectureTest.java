package io.agentgateway.host;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import java.util.List;

/**
 * The host's packages layer (docs/architecture.md): each may use the packages below it in {@link #LAYERS}, never one
 * above, so no two packages use each other. A class in a package the list does not name fails too: a new package
 * must be given its place.
 */
@AnalyzeClasses(packages = "io.agentgateway.host",
        importOptions = {ImportOption.DoNotIncludeTests.class, ImportOption.DoNotIncludeJars.class})
class ArchitectureTest {

    private static final String HOST = "io.agentgateway.host";

    /** Top to bottom. The wiring ({@code Main}, {@code Gateway}) is the host package itself. */
    static final List<String> LAYERS = List.of(
            "wiring", "edge", "mcp", "http", "agents", "tools", "routing", "upstreams", "models", "plugins", "limits", "security",
            "openai", "usage", "config", "cancel", "observe", "store", "json");

    @ArchTest
    static final ArchRule packagesOnlyUseThePackagesBelowThem = layers();

    @ArchTest
    static final ArchRule everyClassIsInALayer = classes().that().resideInAPackage(HOST + "..")
            .should().resideInAnyPackage(LAYERS.stream().map(ArchitectureTest::packageOf).toArray(String[]::new))
            .because("a new package needs its place in the layering (ArchitectureTest.LAYERS, docs/architecture.md)");

    @ArchTest
    static final ArchRule noPackageCycles = slices().matching(HOST + ".(**)").should().beFreeOfCycles();

    private static LayeredArchitecture layers() {
        LayeredArchitecture architecture = layeredArchitecture().consideringOnlyDependenciesInLayers();
        for (String layer : LAYERS) {
            architecture = architecture.layer(layer).definedBy(packageOf(layer));
        }
        architecture = architecture.whereLayer(LAYERS.getFirst()).mayNotBeAccessedByAnyLayer();
        for (int i = 1; i < LAYERS.size(); i++) {
            architecture = architecture.whereLayer(LAYERS.get(i))
                    .mayOnlyBeAccessedByLayers(LAYERS.subList(0, i).toArray(String[]::new));
        }
        return architecture;
    }

    private static String packageOf(String layer) {
        return layer.equals("wiring") ? HOST : HOST + "." + layer + "..";
    }
}
