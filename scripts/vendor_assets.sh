#!/usr/bin/env bash
# Vendor the front-end assets used by Daftar into daftar/core/static/vendor/
# so that the app works fully offline (no CDN at runtime).
#
# Every package is fetched from the npm registry with `npm pack` into a
# temporary directory (no node_modules/ or package.json is ever created in
# the repository), its tarball is checked against the pinned sha512
# integrity, and only the files listed below are copied into place.
#
# To upgrade: change the version AND the integrity below
# (`npm view <pkg>@<version> dist.integrity`), re-run this script, review
# the diff and update nothing else by hand: README.md is regenerated here.
#
# Usage: scripts/vendor_assets.sh
set -euo pipefail

# --- pinned versions ---------------------------------------------------------
BOOTSTRAP_VERSION="5.3.9"
BOOTSTRAP_INTEGRITY="sha512-20cU0rcfw8WdxtVbmfU+xT2EjvVTw9Ror/h1Qvd7DXCujRg8OO9mdBCsmTHdJFf3BuadmBNJtgIuUXsBqSkk/w=="
HTMX_VERSION="2.0.11"
HTMX_INTEGRITY="sha512-Thx/WtpeOQqSrqBCw/A1cwGJGg4UrVa3+sW0GmrM3p4gJgO89ecH4qtbnyzDDWFvBTqjnIMCgELTNt636dtamA=="
VAZIRMATN_VERSION="33.0.3"
VAZIRMATN_INTEGRITY="sha512-fbjNc0CMjazZpIegWzz9OHGzI1APFboT+x7ZecXlUCtDe/nkyx7gtCTZnWS/+eeXG7fbfXymCPKJI8EsnM3iqw=="
CHARTJS_VERSION="4.6.1"
CHARTJS_INTEGRITY="sha512-hJyniucsFmq//EvXYvJ6c6mahPoI3kaxdjVH8awTaJ/fDNWeSqqqArixMJWkWNN6fcYvPU3HneSANFNYtRi61g=="

# --- paths -------------------------------------------------------------------
SCRIPT_DIR="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd -- "${SCRIPT_DIR}/.." && pwd)"
VENDOR_DIR="${REPO_ROOT}/daftar/core/static/vendor"

command -v npm >/dev/null || { echo "error: npm is required" >&2; exit 1; }
command -v openssl >/dev/null || { echo "error: openssl is required" >&2; exit 1; }

WORK_DIR="$(mktemp -d "${TMPDIR:-/tmp}/daftar-vendor.XXXXXX")"
trap 'rm -rf -- "${WORK_DIR}"' EXIT

# fetch <npm-name> <version> <integrity> -> prints the extracted package dir
fetch() {
    local name="$1" version="$2" integrity="$3"
    local dest="${WORK_DIR}/${name}"
    local tgz actual
    mkdir -p "${dest}"
    # Run from the temp dir so npm never looks at (or writes to) the repo.
    tgz="$(cd "${WORK_DIR}" && npm pack --silent --ignore-scripts \
        --pack-destination "${dest}" "${name}@${version}" | tail -n 1)"
    tgz="${dest}/${tgz}"
    [[ -f "${tgz}" ]] || { echo "error: npm pack ${name}@${version} produced no tarball" >&2; exit 1; }
    actual="sha512-$(openssl dgst -sha512 -binary "${tgz}" | openssl base64 -A)"
    if [[ "${actual}" != "${integrity}" ]]; then
        echo "error: integrity mismatch for ${name}@${version}" >&2
        echo "  expected ${integrity}" >&2
        echo "  got      ${actual}" >&2
        exit 1
    fi
    tar -xzf "${tgz}" -C "${dest}"
    echo "${dest}/package"
}

# put <src> <dst>: copy one file, failing loudly if upstream moved it.
put() {
    [[ -f "$1" ]] || { echo "error: missing upstream file $1" >&2; exit 1; }
    mkdir -p "$(dirname -- "$2")"
    cp -- "$1" "$2"
    chmod 0644 "$2"
}

# Drop sourceMappingURL comments: the .map files are not vendored, and
# ManifestStaticFilesStorage (prod) fails on references to missing files.
strip_css_sourcemap() { sed -i -E 's#/\*[#@] sourceMappingURL=[^*]*\*/##g' "$1"; }
strip_js_sourcemap()  { sed -i -E '/^[[:space:]]*\/\/[#@] sourceMappingURL=.*$/d' "$1"; }

echo "Vendoring into ${VENDOR_DIR#"${REPO_ROOT}/"}"
mkdir -p "${VENDOR_DIR}"

# Fetch and verify everything first, so a failed download never leaves the
# vendor directory half-updated.
bootstrap_pkg="$(fetch bootstrap "${BOOTSTRAP_VERSION}" "${BOOTSTRAP_INTEGRITY}")"
htmx_pkg="$(fetch htmx.org "${HTMX_VERSION}" "${HTMX_INTEGRITY}")"
vazir_pkg="$(fetch vazirmatn "${VAZIRMATN_VERSION}" "${VAZIRMATN_INTEGRITY}")"
chart_pkg="$(fetch chart.js "${CHARTJS_VERSION}" "${CHARTJS_INTEGRITY}")"

# --- Bootstrap ---------------------------------------------------------------
pkg="${bootstrap_pkg}"
out="${VENDOR_DIR}/bootstrap"
rm -rf -- "${out}"
put "${pkg}/dist/css/bootstrap.min.css"       "${out}/css/bootstrap.min.css"
put "${pkg}/dist/css/bootstrap.rtl.min.css"   "${out}/css/bootstrap.rtl.min.css"
put "${pkg}/dist/js/bootstrap.bundle.min.js"  "${out}/js/bootstrap.bundle.min.js"
put "${pkg}/LICENSE"                          "${out}/LICENSE"
strip_css_sourcemap "${out}/css/bootstrap.min.css"
strip_css_sourcemap "${out}/css/bootstrap.rtl.min.css"
strip_js_sourcemap  "${out}/js/bootstrap.bundle.min.js"

# --- htmx --------------------------------------------------------------------
pkg="${htmx_pkg}"
out="${VENDOR_DIR}/htmx"
rm -rf -- "${out}"
put "${pkg}/dist/htmx.min.js" "${out}/htmx.min.js"
put "${pkg}/LICENSE"          "${out}/LICENSE"
strip_js_sourcemap "${out}/htmx.min.js"

# --- Vazirmatn (variable-weight woff2) ---------------------------------------
pkg="${vazir_pkg}"
out="${VENDOR_DIR}/vazirmatn"
rm -rf -- "${out}"
# Upstream names the file "Vazirmatn[wght].woff2"; brackets are awkward in
# URLs and shell globs, so it is renamed and the CSS rewritten to match.
put "${pkg}/fonts/webfonts/Vazirmatn[wght].woff2" "${out}/fonts/Vazirmatn-Variable.woff2"
put "${pkg}/OFL.txt"                              "${out}/OFL.txt"
# Static TrueType faces for PDFs (fpdf2 embeds TrueType, not woff2): council reports and
# the documents citizens receive (daftar/core/pdf.py).
put "${pkg}/fonts/ttf/Vazirmatn-Regular.ttf"       "${out}/fonts/ttf/Vazirmatn-Regular.ttf"
put "${pkg}/fonts/ttf/Vazirmatn-Bold.ttf"          "${out}/fonts/ttf/Vazirmatn-Bold.ttf"
upstream_css="${pkg}/Vazirmatn-Variable-font-face.css"
[[ -f "${upstream_css}" ]] || { echo "error: missing upstream file ${upstream_css}" >&2; exit 1; }
{
    printf '/*! Vazirmatn v%s | SIL Open Font License 1.1 (see OFL.txt) */\n' "${VAZIRMATN_VERSION}"
    printf '/* Generated by scripts/vendor_assets.sh from Vazirmatn-Variable-font-face.css; do not edit. */\n'
    sed -e "s#fonts/webfonts/Vazirmatn\[wght\]\.woff2#fonts/Vazirmatn-Variable.woff2#g" "${upstream_css}"
    printf '\n'
} > "${out}/vazirmatn.css"
chmod 0644 "${out}/vazirmatn.css"
strip_css_sourcemap "${out}/vazirmatn.css"

# --- Chart.js ----------------------------------------------------------------
pkg="${chart_pkg}"
out="${VENDOR_DIR}/chartjs"
rm -rf -- "${out}"
put "${pkg}/dist/chart.umd.min.js" "${out}/chart.umd.min.js"
put "${pkg}/LICENSE.md"            "${out}/LICENSE.md"
strip_js_sourcemap "${out}/chart.umd.min.js"

# --- sanity checks -----------------------------------------------------------
fail=0
if grep -rlE 'sourceMappingURL' "${VENDOR_DIR}" --include='*.css' --include='*.js'; then
    echo "error: sourceMappingURL reference(s) left in the files above" >&2; fail=1
fi
if grep -rnE '@import|url\([[:space:]]*["'\'']?(https?:)?//' "${VENDOR_DIR}" --include='*.css'; then
    echo "error: CSS loads a remote resource (see above)" >&2; fail=1
fi
if grep -oE "url\(['\"]?[^)'\"]+" "${VENDOR_DIR}/vazirmatn/vazirmatn.css" | sed -E "s/^url\(['\"]?//" \
        | while read -r ref; do [[ -f "${VENDOR_DIR}/vazirmatn/${ref}" ]] || { echo "missing: ${ref}"; exit 1; }; done; then :; else
    echo "error: vazirmatn.css references a file that was not copied" >&2; fail=1
fi
[[ "${fail}" -eq 0 ]] || exit 1

# --- README ------------------------------------------------------------------
cat > "${VENDOR_DIR}/README.md" <<EOF
# Vendored front-end assets

Generated by \`scripts/vendor_assets.sh\`; do not edit the files in this
directory by hand. Everything here is served by Django's staticfiles from
\`static/vendor/…\` so the app works fully offline (no CDN).

| Package (npm) | Version | Files taken (upstream → here) | Licence |
|---|---|---|---|
| \`bootstrap\` | ${BOOTSTRAP_VERSION} | \`dist/css/bootstrap.min.css\` → \`bootstrap/css/bootstrap.min.css\`<br>\`dist/css/bootstrap.rtl.min.css\` → \`bootstrap/css/bootstrap.rtl.min.css\`<br>\`dist/js/bootstrap.bundle.min.js\` → \`bootstrap/js/bootstrap.bundle.min.js\`<br>\`LICENSE\` → \`bootstrap/LICENSE\` | MIT |
| \`htmx.org\` | ${HTMX_VERSION} | \`dist/htmx.min.js\` → \`htmx/htmx.min.js\`<br>\`LICENSE\` → \`htmx/LICENSE\` | 0BSD |
| \`vazirmatn\` | ${VAZIRMATN_VERSION} | \`fonts/webfonts/Vazirmatn[wght].woff2\` → \`vazirmatn/fonts/Vazirmatn-Variable.woff2\` (variable weight 100–900)<br>\`fonts/ttf/Vazirmatn-{Regular,Bold}.ttf\` → \`vazirmatn/fonts/ttf/\` (PDFs)<br>\`Vazirmatn-Variable-font-face.css\` → \`vazirmatn/vazirmatn.css\` (\`url()\` rewritten to the renamed font)<br>\`OFL.txt\` → \`vazirmatn/OFL.txt\` | SIL OFL 1.1 |
| \`chart.js\` | ${CHARTJS_VERSION} | \`dist/chart.umd.min.js\` → \`chartjs/chart.umd.min.js\`<br>\`LICENSE.md\` → \`chartjs/LICENSE.md\` | MIT |

Local modifications, all made by the script:

- \`sourceMappingURL\` comments are removed from every CSS/JS file, because the
  \`.map\` files are not vendored (and \`ManifestStaticFilesStorage\` would fail
  on the dangling references). Licence banner comments are kept.
- The Vazirmatn variable font is renamed from \`Vazirmatn[wght].woff2\` to
  \`Vazirmatn-Variable.woff2\`, and \`vazirmatn.css\` points at the new name.

## Refreshing / upgrading

\`\`\`sh
scripts/vendor_assets.sh
\`\`\`

The script runs \`npm pack <pkg>@<exact version>\` in a temporary directory,
verifies each tarball against the pinned sha512 integrity, extracts it and
copies the files above into place. Nothing (\`node_modules/\`, \`package.json\`)
is left in the repository. To upgrade a package, edit its \`*_VERSION\` and
\`*_INTEGRITY\` pins at the top of the script (integrity from
\`npm view <pkg>@<version> dist.integrity\`), re-run it and review the diff.

Usage in templates: \`{% static 'vendor/bootstrap/css/bootstrap.rtl.min.css' %}\`,
\`{% static 'vendor/bootstrap/js/bootstrap.bundle.min.js' %}\`,
\`{% static 'vendor/htmx/htmx.min.js' %}\`, \`{% static 'vendor/vazirmatn/vazirmatn.css' %}\`,
\`{% static 'vendor/chartjs/chart.umd.min.js' %}\`.
EOF

echo "Done:"
(cd "${VENDOR_DIR}" && find . -type f | LC_ALL=C sort | xargs ls -l | awk '{printf "  %10d  %s\n", $5, $9}')
