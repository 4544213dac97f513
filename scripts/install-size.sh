#!/usr/bin/env bash
# What scripts/setup.sh downloads and installs on a fresh Debian 12, as apt-get itself reports
# it ("Need to get" / "will be used"), with and without recommends, for the main job and with
# the tests' packages. A measurement, not a test: run it, copy the figures into README.md.
# A fresh machine is modelled by a dpkg status file holding only Debian's minimal base (every
# Priority: required / Essential package, apt, and their dependencies, as debootstrap's
# minbase and the debian:12 image install), taken from this machine's status; packages come
# from this machine's apt lists. apt-get runs with --print-uris: nothing is downloaded or
# installed, and an empty archive cache makes it count every .deb.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d "${TMPDIR:-/tmp}/capmark-install-size-XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/archives/partial"

python3 - "$work" <<'EOF'
import subprocess, sys
work = sys.argv[1]
stanzas = [s for s in open('/var/lib/dpkg/status').read().split('\n\n') if s.strip()]
def fields(s):
    f = {}
    for line in s.split('\n'):
        if ':' in line and not line.startswith(' '):
            k, v = line.split(':', 1); f[k] = v.strip()
    return f
base = [f['Package'] for f in map(fields, stanzas) if f.get('Priority') == 'required' or f.get('Essential') == 'yes']
deps = subprocess.run(['apt-cache', 'depends', '--recurse', '--installed', '--no-recommends', '--no-suggests', '--no-conflicts',
                       '--no-breaks', '--no-replaces', '--no-enhances', 'apt', *base], capture_output=True, text=True).stdout
keep = {l.split(':')[0] for l in deps.splitlines() if l and not l.startswith(' ')}
kept = [s for s in stanzas if fields(s).get('Package') in keep and 'install ok installed' in fields(s).get('Status', '')]
open(f'{work}/status', 'w').write('\n\n'.join(kept) + '\n')
print(f'fresh-machine model: {len(kept)} packages of Debian\'s minimal base (required + essential + apt, with dependencies)')
EOF
echo "apt lists of $(ls -l --time-style=+%Y-%m-%d /var/lib/apt/lists/*_InRelease 2>/dev/null | awk '{print $6}' | sort | tail -1); Debian $(cat /etc/debian_version)"

size() { # $1: --no-install-recommends | --install-recommends, rest: packages
  local rec=$1; shift
  apt-get -o Dir::State::status="$work/status" -o Dir::Cache::archives="$work/archives" -o Debug::NoLocking=1 \
    install -y --print-uris "$rec" "$@" 2>&1 | awk '/newly installed/ {n=$3} /^Need to get/ {get=$4" "$5} /^After this operation/ {use=$4" "$5}
      END { printf "%4s packages, download %s, on disk %s\n", n, get, use }'
}
main=$(bash scripts/setup.sh --list)
all=$(bash scripts/setup.sh --list --test)
for rec in --no-install-recommends --install-recommends; do
  printf '%-26s main job   (%s): ' "$rec" "$main"; size "$rec" $main
  printf '%-26s with tests (%s): ' "$rec" "$(echo "$all" | sed "s/^$main //")"; size "$rec" $all
done
[ -d node_modules ] && echo "npm packages after npm ci: $(du -sh node_modules | cut -f1) on disk (du -sh node_modules)"
