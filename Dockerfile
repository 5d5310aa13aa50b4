# The gateway in a container: built from this checkout, run as a non-root user.
#
#   docker build -t agent-gateway .
#   docker run -p 8000:8000 -e GATEWAY_DEV_KEY="$(openssl rand -hex 24)" agent-gateway
#
# A container listens beyond loopback (GATEWAY_HOST=0.0.0.0), where the shipped development key `dev-secret` is
# refused: GATEWAY_DEV_KEY sets that key to a secret of your own (or mount a config/security.yaml with your keys).
# config/, plugins-dist/ and data/ (the embedded database) are volumes: mount your own over them. compose.yaml runs it
# beside Ollama. The CycloneDX SBOM of what the image ships is at /app/sbom.json. docs/container.md has the rest.
# No BuildKit-only syntax, so the legacy builder builds it too.

FROM eclipse-temurin:25-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -ntp -q package -DskipTests

FROM eclipse-temurin:25-jre
WORKDIR /app
COPY --from=build /src/gateway-host/target/gateway-host.jar /app/gateway-host.jar
COPY --from=build /src/gateway-host/target/lib /app/lib
COPY --from=build /src/plugins-dist/ /app/plugins-dist/
COPY --from=build /src/target/agent-gateway-sbom.json /app/sbom.json
COPY gateway-host/jvm.options /app/jvm.options
COPY config /app/config
# The user the gateway runs as owns only its data folder; config and plugins stay read-only to it.
RUN mkdir -p /app/data && chown 10001:10001 /app/data
# DJL_CACHE_DIR: where the local embedding model's tokenizer unpacks its native library (the user has no home).
ENV GATEWAY_PORT=8000 GATEWAY_HOST=0.0.0.0 GATEWAY_DATA_DIR=/app/data DJL_CACHE_DIR=/tmp/djl
VOLUME ["/app/config", "/app/plugins-dist", "/app/data"]
EXPOSE 8000
USER 10001:10001
# bash's /dev/tcp: the image needs no curl or wget for its health check.
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
  CMD bash -c 'exec 3<>/dev/tcp/127.0.0.1/${GATEWAY_PORT:-8000} && printf "GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n" >&3 && grep -q "\"status\":\"ok\"" <&3'
ENTRYPOINT ["java", "@/app/jvm.options", "-jar", "/app/gateway-host.jar"]
