/**
 * Imported first by the test of a closed dashboard: this test file's api keeps its dashboard for
 * signed-in users (the configuration is read once, when the app's modules load).
 */
process.env['DASHBOARD_REQUIRE_LOGIN'] = 'true';
