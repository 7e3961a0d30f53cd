/** Indonesia's outline, cut out of Natural Earth's countries at build time (see vite.config.mts). */
declare module 'virtual:indonesia-outline' {
  const outline: import('geojson').FeatureCollection<
    import('geojson').MultiPolygon | import('geojson').Polygon
  >;
  export default outline;
}
