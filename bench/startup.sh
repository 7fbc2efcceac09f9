#!/usr/bin/env bash
# Start-up benchmark for pre-commit use: one `kmslint lint` of a single template, run as
#   tool      the installed dotnet tool as `dotnet pack` makes it: on linux-x64 `dotnet tool install` picks
#             KmsLint.Cli.linux-x64 (ReadyToRun) and links `kmslint` to its apphost
#   tool-any  the portable fallback other platforms install (KmsLint.Cli.any, JIT), packed on its own
#   dll       `dotnet kmslint.dll` (framework-dependent publish)
#   aot       the NativeAOT binary (`dotnet publish -p:PublishAot=true`)
#   cfn-lint  the npm cfn-lint peer, when CFN_LINT_DIR points at a folder where it is installed
# Prints hyperfine's table and the median of each in ms. Goals: tool <= 100 ms, aot <= 20 ms.
# Needs hyperfine (apt-get install -y hyperfine). Usage: bench/startup.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-30}
command -v hyperfine >/dev/null || { echo "hyperfine not found: apt-get install -y hyperfine" >&2; exit 2; }
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
trap 'echo "build step failed; its log:" >&2; tail -n 30 "$work/build.log" >&2' ERR
version="0.0.0-bench.$(date +%s)"
cat > "$work/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <config><add key="globalPackagesFolder" value="$work/packages" /></config>
  <packageSources><clear /><add key="local" value="$work/feed" /></packageSources>
</configuration>
XML

echo "building (Release) ..." >&2
dotnet pack src/KmsLint.Cli -c Release -o "$work/feed" -p:PackageVersion="$version" >"$work/build.log" 2>&1
dotnet tool install --tool-path "$work/tool" --configfile "$work/nuget.config" KmsLint.Cli --version "$version" >>"$work/build.log" 2>&1
dotnet pack src/KmsLint.Cli -c Release -p:RuntimeIdentifiers=any -o "$work/feed" \
  -p:PackageVersion="$version-any" >>"$work/build.log" 2>&1
dotnet tool install --tool-path "$work/tool-any" --configfile "$work/nuget.config" KmsLint.Cli --version "$version-any" >>"$work/build.log" 2>&1
dotnet publish src/KmsLint.Cli -c Release -o "$work/dll" >>"$work/build.log" 2>&1
dotnet publish src/KmsLint.Cli -c Release -r linux-x64 -p:PublishAot=true -o "$work/aot" >>"$work/build.log" 2>&1

# One realistic template, the stack `kmslint init` writes, alone in its repository folder: a named file is linted with
# the set of its folder, which must not be this work folder full of packages and builds.
mkdir "$work/repo"
"$work/aot/kmslint" init --output "$work/repo/stack.yaml" >/dev/null
template="$work/repo/stack.yaml"

commands=(
  -n tool "$work/tool/kmslint lint $template"
  -n tool-any "$work/tool-any/kmslint lint $template"
  -n dll "dotnet $work/dll/kmslint.dll lint $template"
  -n aot "$work/aot/kmslint lint $template"
)
if [ -n "${CFN_LINT_DIR:-}" ] && [ -x "$CFN_LINT_DIR/node_modules/.bin/cfn-lint" ]; then
  commands+=(-n cfn-lint "$CFN_LINT_DIR/node_modules/.bin/cfn-lint validate $template")
fi

hyperfine -N --warmup 3 --runs "$runs" --ignore-failure --export-json "$work/result.json" "${commands[@]}"
echo
echo "median wall time of one single-template run:"
python3 - "$work/result.json" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
base = next(r["median"] for r in results if r["command"] == "aot")
for r in results:
    print(f'  {r["command"]:9} {r["median"] * 1000:7.1f} ms   ({r["median"] / base:4.1f} x aot)')
PY
