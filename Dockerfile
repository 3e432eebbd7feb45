# Image of the virt-storage-plugin console plugin: the webpack bundle (plugin-manifest.json, chunks, locales)
# served over TLS by nginx on 9443, the way the console's plugin proxy expects.
#   podman build -t virt-storage-plugin .    (or: docker buildx build --platform linux/amd64,linux/arm64 ...)

# Build stage. The bundle is plain static files, the same for every target architecture, so it is built once
# on the builder's own platform (no emulation) and only the serve stage is per-architecture.
FROM --platform=$BUILDPLATFORM docker.io/library/node:20-bookworm-slim AS build
WORKDIR /src

# Dependencies first: this layer is rebuilt only when the manifest or the lockfile changes.
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

# Exactly what `npm run build` reads: the webpack config (loaded through ts-node, set up in tsconfig.json), the
# compiler options, the console extensions (read by ConsoleRemotePlugin beside package.json, which carries
# consolePlugin), the sources (webpack's context) and the translations (copied to dist/locales).
COPY webpack.config.ts tsconfig.json console-extensions.json ./
COPY src/ src/
COPY locales/ locales/
RUN npm run build

# Serve stage: the official unprivileged nginx (runs as uid 101, no root needed to bind 9443).
FROM docker.io/nginxinc/nginx-unprivileged:1.28-alpine

# The repository URL is given by whoever publishes the image: --build-arg SOURCE_URL=<https URL of the repo>.
ARG SOURCE_URL=""
LABEL org.opencontainers.image.title="virt-storage-plugin" \
      org.opencontainers.image.description="OpenShift console plugin: storage administration for OpenShift Virtualization" \
      org.opencontainers.image.source="${SOURCE_URL}" \
      org.opencontainers.image.licenses="Apache-2.0"

# The image holds only the plugin's files and the server: drop the default site (welcome page and its
# server block on 8080). The html directory belongs to root, so this one step runs as root (and, in a
# multi-arch build, emulated for the other architectures: it is a single rm).
USER 0
RUN rm -rf /usr/share/nginx/html/* /etc/nginx/conf.d/default.conf

# COPY writes files owned by root (uid/gid 0) and keeps the build's 644/755 modes: readable by the runtime
# user (101, or OpenShift's arbitrary uid), writable by no one but root.
COPY --from=build /src/dist/ /usr/share/nginx/html/
# The same file the cluster mounts from a ConfigMap. It keeps the pid file and temp paths in /tmp, where the
# pod mounts an emptyDir because its root filesystem is read-only.
COPY deploy/nginx.conf /etc/nginx/nginx.conf

# Numeric, so runAsNonRoot can verify it without reading /etc/passwd.
USER 101
EXPOSE 9443
CMD ["nginx", "-g", "daemon off;"]
