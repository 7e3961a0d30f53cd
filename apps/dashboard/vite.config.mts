/**
 * Builds the dashboard into dist/apps/dashboard, served by the api at /dashboard/. Two plugins of
 * our own: one cuts Indonesia's outline out of Natural Earth's countries (world-atlas) at build
 * time, so the browser gets about 60 kB of outline instead of the whole world; the other writes
 * a gzip copy of each file (the api serves those to browsers that accept gzip) and prints the
 * gzipped bundle size, failing the build past the 1 MB budget.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { defineConfig, type Plugin } from 'vite';

const HERE = dirname(fileURLToPath(import.meta.url));
const OUT_DIR = resolve(HERE, '../../dist/apps/dashboard');
/** The gzipped size of the JavaScript and CSS a first visit downloads may not exceed this. */
export const BUNDLE_BUDGET_BYTES = 1024 * 1024;
/** ISO 3166-1 numeric code of Indonesia: Natural Earth's feature id in world-atlas. */
const INDONESIA = '360';
const OUTLINE_MODULE = 'virtual:indonesia-outline';

function indonesiaOutline(): Plugin {
  const resolvedId = `\0${OUTLINE_MODULE}`;
  return {
    name: 'jipp-indonesia-outline',
    resolveId: (id) => (id === OUTLINE_MODULE ? resolvedId : null),
    load(id) {
      if (id !== resolvedId) return null;
      const require = createRequire(import.meta.url);
      const path = require.resolve('world-atlas/countries-50m.json');
      const world = JSON.parse(readFileSync(path, 'utf8')) as Topology<{ countries: GeometryCollection }>;
      const countries = feature(world, world.objects.countries) as FeatureCollection<Polygon | MultiPolygon>;
      const indonesia = countries.features.find((country) => String(country.id) === INDONESIA);
      if (!indonesia) throw new Error(`world-atlas has no country ${INDONESIA} (Indonesia) in ${path}`);
      const outline: FeatureCollection<Polygon | MultiPolygon> = {
        type: 'FeatureCollection',
        features: [roundFeature(indonesia)],
      };
      return `export default ${JSON.stringify(outline)};`;
    },
  };
}

/** Two decimals of a degree is about a kilometre: finer than a pixel of the national map. */
function roundFeature(country: Feature<Polygon | MultiPolygon>): Feature<Polygon | MultiPolygon> {
  const round = (ring: Position[]) =>
    ring.map(([x, y]) => [Math.round(x! * 100) / 100, Math.round(y! * 100) / 100]);
  const geometry: Polygon | MultiPolygon =
    country.geometry.type === 'Polygon'
      ? { type: 'Polygon', coordinates: country.geometry.coordinates.map(round) }
      : {
          type: 'MultiPolygon',
          coordinates: country.geometry.coordinates.map((polygon) => polygon.map(round)),
        };
  return { type: 'Feature', id: country.id, properties: { name: 'Indonesia' }, geometry };
}

function gzipAndReport(): Plugin {
  return {
    name: 'jipp-gzip-report',
    apply: 'build',
    writeBundle(options, bundle) {
      const dir = options.dir ?? OUT_DIR;
      let bundleBytes = 0;
      const lines: string[] = [];
      for (const file of new Set([...Object.keys(bundle), 'index.html'])) {
        if (!/\.(js|css|html)$/.test(file) || file.endsWith('.map')) continue;
        const raw = readFileSync(join(dir, file));
        const gzipped = gzipSync(raw, { level: 9 });
        writeFileSync(join(dir, `${file}.gz`), gzipped);
        if (!file.endsWith('.html')) bundleBytes += gzipped.length;
        lines.push(`  ${file}: ${kb(raw.length)} raw, ${kb(gzipped.length)} gzipped`);
      }
      console.log(
        `[dashboard] bundle ${kb(bundleBytes)} gzipped (budget ${kb(BUNDLE_BUDGET_BYTES)})\n${lines.join('\n')}`,
      );
      if (bundleBytes > BUNDLE_BUDGET_BYTES) {
        this.error(
          `the dashboard bundle is ${kb(bundleBytes)} gzipped, over the ${kb(BUNDLE_BUDGET_BYTES)} budget`,
        );
      }
    },
  };
}

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} kB`;
}

export default defineConfig({
  root: HERE,
  base: '/dashboard/',
  // the reader's page loads one script, so nothing is split off into lazy chunks
  build: {
    outDir: OUT_DIR,
    emptyOutDir: true,
    target: 'es2022',
    assetsInlineLimit: 0,
    reportCompressedSize: false,
    chunkSizeWarningLimit: BUNDLE_BUDGET_BYTES / 1024,
    modulePreload: { polyfill: false },
  },
  plugins: [indonesiaOutline(), gzipAndReport()],
  // `npx vite apps/dashboard` serves it at :5173 against an api running at API_URL
  server: {
    proxy: {
      '/graphql': process.env['API_URL'] ?? 'http://127.0.0.1:3000',
      '/socket.io': { target: process.env['API_URL'] ?? 'http://127.0.0.1:3000', ws: true },
    },
  },
});
