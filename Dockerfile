# syntax=docker/dockerfile:1
# azure-operator image: docker build -t azure-operator:latest .
# See docs/deploy.md. The k8s/ Deployment runs it non-root with a read-only root filesystem.

# ---- build stage -------------------------------------------------------------
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build
# Dependencies first: this layer is reused until pom.xml changes.
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src ./src
# the build packages the samples into the jar (for --local away from a checkout)
COPY k8s/samples ./k8s/samples
RUN mvn -B -q -DskipTests package

# ---- runtime stage -----------------------------------------------------------
# glibc-based JRE (not -alpine): the Azure SDK / Netty / Vert.x stacks are tested on glibc.
FROM eclipse-temurin:17-jre
# Numeric non-root user (65532, the distroless "nonroot" id). It has a passwd entry so
# that user.home resolves; HOME is /tmp, the only writable path at run time.
RUN groupadd --system --gid 65532 nonroot \
 && useradd --system --uid 65532 --gid 65532 --home-dir /tmp --no-create-home \
            --shell /usr/sbin/nologin nonroot
WORKDIR /app
COPY --from=build /build/target/azure-operator.jar /app/azure-operator.jar
# Built-in defaults; the Deployment mounts the conf ConfigMap over /etc/azure-operator/.
COPY conf/operator.json /etc/azure-operator/operator.json
ENV HOME=/tmp
USER 65532:65532
EXPOSE 8080
# Heap sized from the container memory limit; die (and get restarted) on OOM instead of
# limping on. java.io.tmpdir (Vert.x file cache, hsperfdata) is /tmp, an emptyDir in k8s,
# so the root filesystem can be read-only. C1 only (TieredStopAtLevel=1): on a pod of one
# or two cores, C2 compiling in the background took more than half of the CPU while a burst
# of new resources arrived; C1 alone halves a burst's CPU and its time to the PUTs, for a few
# percent less peak throughput, which ARM's budget never lets the operator use anyway
# (docs/performance.md). The Tier3 thresholds compile a method after 10 calls instead of 200:
# the first burst after a start interprets less (15% less CPU, p99 15-20% lower). The parallel collector,
# whatever the pod's CPU limit (the JVM picks G1 on two cores, Serial on one): with G1 a burst of
# new resources cost 12-17% more CPU and its p99 was 10-15% higher. Extra JVM flags: set
# JDK_JAVA_OPTIONS.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-XX:TieredStopAtLevel=1", \
            "-XX:Tier3InvocationThreshold=10", "-XX:Tier3MinInvocationThreshold=5", \
            "-XX:Tier3CompileThreshold=100", "-XX:Tier3BackEdgeThreshold=2000", "-XX:+UseParallelGC", \
            "-Djava.io.tmpdir=/tmp", \
            "-jar", "/app/azure-operator.jar", "--conf", "/etc/azure-operator/operator.json"]
