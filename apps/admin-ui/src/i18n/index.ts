import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import nb from './nb.json';
import en from './en.json';

// Bokmål is the default; the choice is remembered per browser (not personal data).
const LANG_KEY = 'rop.lang';
const saved = typeof localStorage !== 'undefined' ? localStorage.getItem(LANG_KEY) : null;

void i18n.use(initReactI18next).init({
  resources: { nb: { translation: nb }, en: { translation: en } },
  lng: saved === 'en' ? 'en' : 'nb',
  fallbackLng: 'nb',
  interpolation: { escapeValue: false },
  returnNull: false,
});

i18n.on('languageChanged', (lng) => {
  localStorage.setItem(LANG_KEY, lng);
  document.documentElement.lang = lng;
});
document.documentElement.lang = i18n.language;

/** A label for a code the API sends (status, enum value, field name), falling back to the code made readable. */
export function humanize(code: string): string {
  const words = code
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/[_.]/g, ' ')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export default i18n;
