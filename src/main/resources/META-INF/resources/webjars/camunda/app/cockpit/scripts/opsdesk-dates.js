/*
 * Cockpit's own bootstrap fixes its "normal" date format (start times, incidents, jobs in its tables)
 * to ISO 8601, '2026-12-02T11:07:52', whatever config.js's dateFormat says. This AngularJS module is a
 * dependency of Cockpit's custom module (config.js: requireJsConfig.ngDeps), so its config block runs
 * after Cockpit's and gives those dates the reader's locale, to the second as before:
 * '2026年12月2日 11:07:52' or '2 December 2026 11:07:52' (LL comes from the locale file's dateLocales).
 */
window.angular.module('opsdesk.dates', []).config(['camDateFormatProvider', dates => {
  dates.setDateFormat('LL HH:mm:ss', 'normal');
}]);
