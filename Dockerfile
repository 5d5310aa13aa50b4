# Build: docker build -t agent-gateway .
# Run:   docker run -p 8000:8000 -e GATEWAY_DEV_KEY="$(openssl rand -hex 32)" -v "$PWD/config:/app/config" agent-gateway
# The image listens on 0.0.0.0: the gateway refuses to start there with the shipped development key (dev-secret) or
# without keys. Pass a key of your own (GATEWAY_DEV_KEY, as above) or mount a security.yaml with your keys.
FROM eclipse-temurin:21-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -ntp -q package -DskipTests

FROM eclipse-temurin:21-jre
WORKDIR /app
COPY --from=build /src/gateway-host/target/gateway-host.jar /app/gateway-host.jar
COPY --from=build /src/gateway-host/target/lib /app/lib
COPY --from=build /src/plugins-dist /app/plugins-dist
COPY gateway-host/jvm.options /app/jvm.options
COPY config /app/config
ENV GATEWAY_PORT=8000 GATEWAY_HOST=0.0.0.0
EXPOSE 8000
USER 10001
ENTRYPOINT ["java", "@/app/jvm.options", "-XX:+UseSerialGC", "-jar", "/app/gateway-host.jar"]
