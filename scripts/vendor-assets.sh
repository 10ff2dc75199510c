#!/usr/bin/env bash
# Reproduce docs/assets/vendor/ exactly from the npm registry, at pinned versions.
#
#   scripts/vendor-assets.sh
#
# Needs node and npm (any recent version; only `npm pack` is used, nothing is installed and no
# package scripts run). Each tarball is checked against the registry integrity pinned below
# before anything is copied. Re-running it on the same pins gives byte-identical files.
#
# What it writes (and nothing else):
#   docs/assets/vendor/leaflet/        Leaflet's dist/leaflet.js, leaflet.css, images/, LICENSE
#   docs/assets/vendor/leaflet.markercluster/  its dist/leaflet.markercluster.js,
#                                      MarkerCluster.css, MIT-LICENCE.txt (clusters on the Map page)
#   docs/assets/vendor/natural-earth/  basemap.js (country borders as GeoJSON in a JS global,
#                                      each with a label point inside it, from polylabel),
#                                      LICENSE.txt (Natural Earth terms + world-atlas licence)
#   docs/assets/vendor/README.txt      what is vendored, versions, licences, this command
#   tests/vendor/axe-core/             axe.min.js, LICENSE, README.txt: the accessibility
#                                      checker the browser tests inject (never in the site)
#
# The basemap is a JS file setting window.CHRONOLOGY_BASEMAP, not a .json to fetch: browsers
# refuse fetch/XHR of local files, and the site must work when opened from a zip via file://.
set -euo pipefail

LEAFLET_VERSION=1.9.4
LEAFLET_INTEGRITY=sha512-nxS1ynzJOmOlHp+iL3FyWqK89GtNL8U8rvlMOsQdTTssxZwCXh8N2NB3GDQOL+YR3XnWyZAxwQixURb+FA74PA==
WORLD_ATLAS_VERSION=2.0.2
WORLD_ATLAS_INTEGRITY=sha512-IXfV0qwlKXpckz1FhwXVwKRjiIhOnWttOskm5CtxMsjgE/MXAYRHWJqgXOpM8IkcPBoXnyTU5lFHcYa5ChG0LQ==
TOPOJSON_CLIENT_VERSION=3.1.0
TOPOJSON_CLIENT_INTEGRITY=sha512-605uxS6bcYxGXw9qi62XyrV6Q3xwbndjachmNxu8HWTtVPxZfEJN9fd/SZS1Q54Sn2y0TMyMxFj/cJINqGHrKw==
MARKERCLUSTER_VERSION=1.5.3
MARKERCLUSTER_INTEGRITY=sha512-vPTw/Bndq7eQHjLBVlWpnGeLa3t+3zGiuM7fJwCkiMFq+nmRuG3RI3f7f4N4TDX7T4NpbAXpR2+NTRSEGfCSeA==
POLYLABEL_VERSION=1.1.0
POLYLABEL_INTEGRITY=sha512-bxaGcA40sL3d6M4hH72Z4NdLqxpXRsCFk8AITYg6x1rn1Ei3izf00UMLklerBZTO49aPA3CYrIwVulx2Bce2pA==
TINYQUEUE_VERSION=2.0.3
TINYQUEUE_INTEGRITY=sha512-ppJZNDuKGgxzkHihX8v9v9G5f+18gzaTfrukGrq6ueg0lmH4nqVnA2IPG0AEH3jKEk2GRJCUhDoqpoiw3PHLBA==
AXE_CORE_VERSION=4.14.1
AXE_CORE_INTEGRITY=sha512-FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37OgudVGtQ==

# Countries with any border point inside this box (west, east, south, north; degrees) are
# drawn from Natural Earth 1:50m; every other country from 1:110m (Antarctica left out).
REGION="25 65 10 45"

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out="$root/docs/assets/vendor"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# fetch NAME VERSION INTEGRITY: npm pack the tarball, verify it, unpack into $tmp/NAME.
fetch() {
    local name=$1 version=$2 integrity=$3 file actual
    (cd "$tmp" && npm pack --silent "$name@$version" >/dev/null)
    file="$tmp/$name-$version.tgz"
    actual=$(node -e '
        const data = require("fs").readFileSync(process.argv[1]);
        process.stdout.write("sha512-" + require("crypto").createHash("sha512").update(data).digest("base64"));
    ' "$file")
    if [ "$actual" != "$integrity" ]; then
        echo "vendor-assets: $name@$version: integrity $actual, expected $integrity" >&2
        exit 1
    fi
    mkdir "$tmp/$name"
    tar -xzf "$file" -C "$tmp/$name" --strip-components=1
}

fetch leaflet "$LEAFLET_VERSION" "$LEAFLET_INTEGRITY"
fetch world-atlas "$WORLD_ATLAS_VERSION" "$WORLD_ATLAS_INTEGRITY"
fetch topojson-client "$TOPOJSON_CLIENT_VERSION" "$TOPOJSON_CLIENT_INTEGRITY"
fetch leaflet.markercluster "$MARKERCLUSTER_VERSION" "$MARKERCLUSTER_INTEGRITY"
fetch polylabel "$POLYLABEL_VERSION" "$POLYLABEL_INTEGRITY"
fetch tinyqueue "$TINYQUEUE_VERSION" "$TINYQUEUE_INTEGRITY"
# polylabel requires tinyqueue, its one dependency, by name.
mkdir -p "$tmp/polylabel/node_modules"
ln -s "$tmp/tinyqueue" "$tmp/polylabel/node_modules/tinyqueue"
fetch axe-core "$AXE_CORE_VERSION" "$AXE_CORE_INTEGRITY"

rm -rf "$out/leaflet" "$out/leaflet.markercluster" "$out/natural-earth"
mkdir -p "$out/leaflet/images" "$out/leaflet.markercluster" "$out/natural-earth"

# --- Leaflet: the distributed files, unmodified ------------------------------------------
cp "$tmp/leaflet/dist/leaflet.js" "$tmp/leaflet/dist/leaflet.css" "$tmp/leaflet/LICENSE" \
    "$out/leaflet/"
cp "$tmp/leaflet/dist/images/"*.png "$out/leaflet/images/"

# --- leaflet.markercluster: the distributed script and its base styles, unmodified (map.css
# draws the clusters itself, so MarkerCluster.Default.css is not needed) -------------------
cp "$tmp/leaflet.markercluster/dist/leaflet.markercluster.js" \
    "$tmp/leaflet.markercluster/dist/MarkerCluster.css" \
    "$tmp/leaflet.markercluster/MIT-LICENCE.txt" "$out/leaflet.markercluster/"

# --- Natural Earth basemap: TopoJSON -> GeoJSON, region at 1:50m, the rest at 1:110m ------
# topojson-client's UMD build has no dependencies, so it is loaded straight from its tarball.
node - "$tmp" "$out/natural-earth/basemap.js" "$WORLD_ATLAS_VERSION" $REGION <<'EOF'
const fs = require("fs");
const [tmp, target, atlasVersion, ...box] = process.argv.slice(2);
const [west, east, south, north] = box.map(Number);
const topojson = require(tmp + "/topojson-client/dist/topojson-client.js");
const polylabel = require(tmp + "/polylabel/polylabel.js");

function countries(file) {
  const topology = JSON.parse(fs.readFileSync(tmp + "/world-atlas/" + file, "utf8"));
  return topojson.feature(topology, topology.objects.countries).features.filter((f) => f.geometry);
}

function polygons(geometry) {
  return geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
}

// Where the country's name goes: the point of its largest polygon farthest from the polygon's
// edges (polylabel, to 0.05 degrees), so the name is inside the country (a centroid need not be).
function labelPoint(geometry) {
  const ringArea = (ring) =>
    Math.abs(ring.reduce((sum, [x, y], i) => {
      const [x2, y2] = ring[(i + 1) % ring.length];
      return sum + x * y2 - x2 * y;
    }, 0)) / 2;
  const largest = polygons(geometry).reduce((best, polygon) =>
    ringArea(polygon[0]) > ringArea(best[0]) ? polygon : best
  );
  const point = polylabel(largest, 0.05);
  return [Math.round(point[0] * 100) / 100, Math.round(point[1] * 100) / 100];
}

function inRegion(feature) {
  return polygons(feature.geometry).some((polygon) =>
    polygon.some((ring) => ring.some(([x, y]) => x >= west && x <= east && y >= south && y <= north))
  );
}

// Round to `digits` decimals, drop repeated points, and keep rings that cross the
// antimeridian (Russia, Fiji) continuous by moving their western half past 180°, so Leaflet
// does not draw them as a band around the world.
function simplify(geometry, digits) {
  const k = 10 ** digits;
  const ring = (points) => {
    const crosses = points.some((p, i) => i > 0 && Math.abs(p[0] - points[i - 1][0]) > 180);
    const result = [];
    for (const [x, y] of points) {
      const p = [Math.round((crosses && x < 0 ? x + 360 : x) * k) / k, Math.round(y * k) / k];
      const last = result[result.length - 1];
      if (!last || last[0] !== p[0] || last[1] !== p[1]) result.push(p);
    }
    return result;
  };
  const parts = polygons(geometry)
    .map((polygon) => polygon.map(ring).filter((r) => r.length >= 4))
    .filter((polygon) => polygon.length > 0);
  return parts.length === 1
    ? { type: "Polygon", coordinates: parts[0] }
    : { type: "MultiPolygon", coordinates: parts };
}

const detailed = countries("countries-50m.json").filter(inRegion);
const names = new Set(detailed.map((f) => f.properties.name));
const rest = countries("countries-110m.json").filter(
  (f) => !names.has(f.properties.name) && f.properties.name !== "Antarctica"
);
const features = [
  ...detailed.map((f) => [f, "50m", 3]),
  ...rest.map((f) => [f, "110m", 2]),
]
  .map(([f, scale, digits]) => {
    const geometry = simplify(f.geometry, digits);
    return {
      type: "Feature",
      properties: { name: f.properties.name, scale, label: labelPoint(geometry) },
      geometry,
    };
  })
  .sort((a, b) => (a.properties.name < b.properties.name ? -1 : a.properties.name > b.properties.name ? 1 : 0));

const header = `/* Country borders for the chronology maps. Generated by scripts/vendor-assets.sh; do not edit.
 * Natural Earth Admin 0 countries, version 4.1.0 (public domain), as redistributed in the npm
 * package world-atlas ${atlasVersion} (ISC licence, Mike Bostock), converted to GeoJSON with
 * topojson-client. Countries with a border point in lon ${west}..${east}, lat ${south}..${north} are
 * at 1:50m, the rest at 1:110m; Antarctica is left out. properties.label is where the
 * country's name is drawn: [lon, lat] inside its largest polygon (polylabel).
 */
`;
const body = features.map((f) => JSON.stringify(f)).join(",\n");
fs.writeFileSync(
  target,
  header + 'window.CHRONOLOGY_BASEMAP = {"type":"FeatureCollection","features":[\n' + body + "\n]};\n"
);
console.log(`basemap: ${detailed.length} countries at 1:50m, ${rest.length} at 1:110m`);
EOF

cat > "$out/natural-earth/LICENSE.txt" <<EOF
Country borders in basemap.js

Data: Natural Earth, Admin 0 - Countries, version 4.1.0, 1:50m and 1:110m.
Natural Earth map data are in the public domain (Terms of Use, naturalearthdata.com): they may
be used in any manner, modified and redistributed, without permission. Crediting the authors is
not required; the maps on this site say "Borders: Natural Earth" anyway.

Taken from the npm package world-atlas $WORLD_ATLAS_VERSION (TopoJSON redistribution of Natural
Earth), whose licence follows, and converted to GeoJSON with topojson-client
$TOPOJSON_CLIENT_VERSION (ISC licence, Mike Bostock) by scripts/vendor-assets.sh.

--- world-atlas LICENSE ---
$(cat "$tmp/world-atlas/LICENSE")
EOF

cat > "$out/README.txt" <<EOF
Third-party files used by the site's maps. Do not edit by hand: reproduce
them with

    scripts/vendor-assets.sh

which fetches each package with \`npm pack\` at the version below, checks its registry
integrity (sha512, pinned in the script), and copies or converts the files. Nothing here is
loaded from another host: the site works offline and from file://.

leaflet/
  package:  leaflet $LEAFLET_VERSION (npm)
  licence:  BSD-2-Clause, leaflet/LICENSE
  files:    dist/leaflet.js, dist/leaflet.css, dist/images/*.png, LICENSE, unmodified

natural-earth/basemap.js
  data:     Natural Earth Admin 0 countries 4.1.0, public domain (natural-earth/LICENSE.txt)
  package:  world-atlas $WORLD_ATLAS_VERSION (npm), ISC licence; countries-50m.json and
            countries-110m.json
  converted with topojson-client $TOPOJSON_CLIENT_VERSION (npm, ISC licence) to GeoJSON;
            countries with a border point in lon/lat box ${REGION// /,} (west,east,south,north)
            at 1:50m, all others at 1:110m, Antarctica left out, coordinates rounded;
            each country's label point (properties.label) from polylabel $POLYLABEL_VERSION
            (npm, ISC licence; with tinyqueue $TINYQUEUE_VERSION, ISC) on its largest polygon
  form:     a script setting window.CHRONOLOGY_BASEMAP (a GeoJSON FeatureCollection), because
            browsers do not let pages fetch local .json files under file://

leaflet.markercluster/
  package:  leaflet.markercluster $MARKERCLUSTER_VERSION (npm), for Leaflet ^1.3.1 (1.9.4 above)
  licence:  MIT, leaflet.markercluster/MIT-LICENCE.txt
  files:    dist/leaflet.markercluster.js, dist/MarkerCluster.css, MIT-LICENCE.txt, unmodified
EOF

echo "vendored into $out:"
(cd "$out" && find . -type f | sort | xargs ls -l | awk '{print "  " $5 "\t" $9}')

# --- axe-core: the accessibility checker tests/e2e/test_accessibility.py injects into each
# page it opens. Test-only: it is never copied into docs/ or the built site.
axe_out="$root/tests/vendor/axe-core"
rm -rf "$axe_out"
mkdir -p "$axe_out"
cp "$tmp/axe-core/axe.min.js" "$tmp/axe-core/LICENSE" "$axe_out/"
cat > "$axe_out/README.txt" <<EOF
axe-core for the browser tests (tests/e2e/test_accessibility.py); not part of the site.
Do not edit by hand: reproduce with scripts/vendor-assets.sh.

  package:    axe-core $AXE_CORE_VERSION (npm)
  integrity:  $AXE_CORE_INTEGRITY
              (the registry's sha512 of axe-core-$AXE_CORE_VERSION.tgz, checked before copying)
  licence:    MPL-2.0, LICENSE
  files:      axe.min.js and LICENSE, unmodified
EOF
