import { readFileSync } from 'node:fs';
import type { FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { readRegions, RegionLevel } from '@jipp/regions';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { PROVINCE_CAPITALS } from '../src/province-capitals';

/** Indonesia's polygons from the same Natural Earth data the map draws. */
function indonesiaRings(): Position[][] {
  const world = JSON.parse(
    readFileSync(require.resolve('world-atlas/countries-50m.json'), 'utf8'),
  ) as Topology<{ countries: GeometryCollection }>;
  const countries = feature(world, world.objects.countries) as FeatureCollection<Polygon | MultiPolygon>;
  const indonesia = countries.features.find((country) => String(country.id) === '360')!;
  return indonesia.geometry.type === 'Polygon'
    ? indonesia.geometry.coordinates
    : indonesia.geometry.coordinates.flat();
}

function inside([x, y]: readonly [number, number], ring: Position[]): boolean {
  let result = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi! > y !== yj! > y && x < ((xj! - xi!) * (y - yi!)) / (yj! - yi!) + xi!) result = !result;
  }
  return result;
}

function distanceToRing([x, y]: readonly [number, number], ring: Position[]): number {
  let best = Infinity;
  for (let i = 1; i < ring.length; i++) {
    const [ax, ay] = ring[i - 1]!;
    const [bx, by] = ring[i]!;
    const dx = bx! - ax!;
    const dy = by! - ay!;
    const t = Math.max(0, Math.min(1, ((x - ax!) * dx + (y - ay!) * dy) / (dx * dx + dy * dy || 1)));
    best = Math.min(best, Math.hypot(x - (ax! + t * dx), y - (ay! + t * dy)));
  }
  return best;
}

describe('province capitals of the map', () => {
  it('has one capital for each of the 38 provinces, by the codes the regions are seeded with', () => {
    const provinces = readRegions()
      .filter((region) => region.level === RegionLevel.PROVINCE)
      .map((region) => region.code)
      .sort();
    expect(provinces).toHaveLength(38);
    expect(Object.keys(PROVINCE_CAPITALS).sort()).toEqual(provinces);
    expect(new Set(Object.values(PROVINCE_CAPITALS).map((c) => c.capital)).size).toBe(38);
  });

  it("puts every capital on Indonesia's land, or on its coast within about 25 km", () => {
    const rings = indonesiaRings();
    for (const [code, { capital, coordinates }] of Object.entries(PROVINCE_CAPITALS)) {
      const onLand = rings.some((ring) => inside(coordinates, ring));
      const nearest = Math.min(...rings.map((ring) => distanceToRing(coordinates, ring)));
      expect({ code, capital, near: onLand || nearest < 0.25 }).toEqual({ code, capital, near: true });
    }
  });
});
