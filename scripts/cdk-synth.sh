#!/usr/bin/env bash
# Synthesizes the CDK app that deployed GlassBox before the provisioner (verification/cdk-app, aws-cdk-lib pinned
# in its package-lock.json) into verification/cdk-app/cdk.out: the fixture the migrate tests create in the
# emulator through CloudFormation. Needs Node 20+ and npm (the npm registry, or npm's cache).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
APP="$ROOT/verification/cdk-app"
command -v npm >/dev/null 2>&1 || { echo "cdk-synth: npm is missing (apt-get install nodejs npm; Node 20+)" >&2; exit 1; }
cd "$APP"
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules ]; then
  npm ci --no-audit --no-fund --loglevel=error
  touch node_modules
fi
# Synthesize only when a source changed since the last synthesis.
if [ ! -f cdk.out/manifest.json ] || [ -n "$(find bin lib package-lock.json cdk.json -newer cdk.out/manifest.json -print -quit)" ]; then
  # No notices or telemetry: the machines reach the package registries only.
  CDK_DISABLE_CLI_TELEMETRY=true npx cdk synth --quiet --no-notices >/dev/null
fi
echo "cdk-synth: $(ls cdk.out/*.template.json | wc -l) CloudFormation templates in verification/cdk-app/cdk.out"
