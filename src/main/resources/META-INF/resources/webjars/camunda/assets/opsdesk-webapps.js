/*
 * What OpsDesk's webapps share in their scripts/config.js (which import this module).
 *
 * Language: the webapps take the browser's first language, cut to its primary subtag ('zh-CN' → 'zh'),
 * and load app/<app>/locales/<lang>.json when it is listed in `locales`, else English. `chinese` makes the
 * same choice for what config.js itself names (the app's name, Tasklist's shortcut descriptions).
 * Dates follow the locale file's dateLocales: the default dateFormat is made of localized moment.js
 * tokens ('LLL', 'LL', ...).
 */
export const chinese = /^zh\b/i.test((navigator.languages || [navigator.language])[0] || '');

if (chinese) {
  // Simplified Chinese glyphs, and no "translate this page" offer for a page in the reader's language.
  document.documentElement.lang = 'zh-CN';
}

/** The settings every app's config.js starts from; page title and header read "OpsDesk <name>". */
export function settings(englishName, chineseName) {
  return {
    app: {vendor: 'OpsDesk', name: chinese ? chineseName : englishName},
    locales: {
      availableLocales: ['en', 'zh'],
      // The webapps load the fallback's file as well, and each file's dateLocales become moment.js's
      // global locale on arrival: an English fallback arriving last (always, once both files are in the
      // browser's cache) gave Chinese pages English dates. A Chinese page therefore loads only zh.json,
      // which WebappLocalesTest keeps complete; every other language falls back to English.
      fallbackLocale: chinese ? 'zh' : 'en'
    }
  };
}
