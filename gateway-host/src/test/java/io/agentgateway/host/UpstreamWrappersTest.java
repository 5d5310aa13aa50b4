package io.agentgateway.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.agentgateway.api.upstream.Upstream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every host class that wraps an {@link Upstream} (metrics, a plugin's class loader, live plugin versions) forwards
 * every call, default methods included: a wrapper that inherits a default (such as {@code embed}) silently answers
 * with the default instead of the plugin's own implementation.
 */
class UpstreamWrappersTest {

    @Test
    void everyHostUpstreamImplementsEveryMethodOfTheInterface() throws Exception {
        List<String> missing = new ArrayList<>();
        List<JavaClass> wrappers = new ClassFileImporter().withImportOption(new ImportOption.DoNotIncludeTests())
                .importPackages("io.agentgateway.host").stream()
                .filter(c -> c.isAssignableTo(Upstream.class) && !c.isInterface()).toList();
        for (JavaClass wrapper : wrappers) {
            Class<?> type = Class.forName(wrapper.getName());
            for (Method method : Upstream.class.getMethods()) {
                if (Modifier.isStatic(method.getModifiers()) || method.getName().equals("close")) {
                    continue;
                }
                boolean declared = Arrays.stream(type.getDeclaredMethods()).anyMatch(m ->
                        m.getName().equals(method.getName())
                                && Arrays.equals(m.getParameterTypes(), method.getParameterTypes()));
                if (!declared) {
                    missing.add(type.getSimpleName() + "." + method.getName());
                }
            }
        }
        assertTrue(wrappers.size() >= 3, "found " + wrappers);
        assertEquals(List.of(), missing, "wrappers that do not forward these calls");
    }
}
