package io.agentgateway.host.it;

import io.helidon.http.Method;
import io.helidon.http.PathMatcher;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRoute;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Collects the routes services declare, as {@code METHOD /path} with OpenAPI's path parameters ({@code {id}}), by
 * letting them declare their routes to it instead of to a server.
 */
final class RouteRecorder implements HttpRules {

    private final String prefix;
    private final Set<String> routes;

    RouteRecorder() {
        this("", new TreeSet<>());
    }

    private RouteRecorder(String prefix, Set<String> routes) {
        this.prefix = prefix;
        this.routes = routes;
    }

    Set<String> routes() {
        return routes;
    }

    @Override
    public HttpRules register(HttpService... services) {
        for (HttpService service : services) {
            service.routing(this);
        }
        return this;
    }

    @Override
    public HttpRules register(String pathPattern, HttpService... services) {
        RouteRecorder nested = new RouteRecorder(join(prefix, pathPattern), routes);
        for (HttpService service : services) {
            service.routing(nested);
        }
        return this;
    }

    @Override
    public HttpRules route(Method method, String pathPattern, Handler handler) {
        routes.add(method.text() + " " + join(prefix, pathPattern).replace("{+", "{"));
        return this;
    }

    @Override
    public HttpRules route(HttpRoute route) {
        throw new UnsupportedOperationException("a route without a method and path cannot be recorded");
    }

    @Override
    public HttpRules route(Predicate<Method> methodPredicate, PathMatcher pathMatcher, Handler handler) {
        throw new UnsupportedOperationException("a route without a method and path cannot be recorded");
    }

    private static String join(String prefix, String path) {
        String joined = (prefix + "/" + path).replaceAll("/+", "/");
        return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
    }
}
